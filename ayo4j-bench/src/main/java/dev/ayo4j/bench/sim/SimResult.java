// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.bench.sim;

import dev.ayo4j.bench.Stats;
import dev.ayo4j.runtime.dispatch.Action;
import dev.ayo4j.runtime.dispatch.VirtualTime;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * Figures of one simulated run.
 *
 * @param name            what ran (a policy or an allocation strategy)
 * @param requests        requests served
 * @param batches         forward passes run
 * @param throughput      requests per virtual second, from first arrival to last completion
 * @param meanMillis      mean latency, arrival to completion
 * @param p50Millis       median latency
 * @param p98Millis       98th-percentile latency
 * @param usefulTokens    tokens of the requests
 * @param paddedTokens    tokens computed, rows × padded length summed over batches
 */
public record SimResult(String name, int requests, long batches, double throughput, double meanMillis,
                        double p50Millis, double p98Millis, long usefulTokens, long paddedTokens) {
    /** Useful tokens / padded tokens; 1.0 means no padding at all. */
    public double usefulRatio() {
        return paddedTokens == 0 ? 1.0 : (double) usefulTokens / paddedTokens;
    }

    /** One aligned table row. */
    public String row() {
        return String.format("%-18s %8d %8d %10.1f %10.2f %10.2f %10.2f %8.3f", name, requests, batches, throughput,
                meanMillis, p50Millis, p98Millis, usefulRatio());
    }

    /** Header matching {@link #row()}. */
    public static String header() {
        return String.format("%-18s %8s %8s %10s %10s %10s %10s %8s", "name", "requests", "batches", "req/s",
                "mean ms", "p50 ms", "p98 ms", "useful");
    }

    /**
     * The figures of {@code trace} served as the batches {@code ran}, each of which computed {@code padded}
     * tokens; {@code name} labels them.
     */
    static SimResult of(String name, List<Request> trace, List<VirtualTime.Ran<Request>> ran,
                        ToLongFunction<Action.Run<Request>> padded) {
        long[] latencies = new long[trace.size()];
        int served = 0;
        long useful = 0;
        long paddedTokens = 0;
        long lastDone = 0;
        for (VirtualTime.Ran<Request> r : ran) {
            for (Request q : r.run().items()) {
                latencies[served++] = r.endNanos() - q.arrivalNanos();
                useful += q.tokens();
            }
            paddedTokens += padded.applyAsLong(r.run());
            lastDone = Math.max(lastDone, r.endNanos());
        }
        long first = trace.isEmpty() ? 0 : trace.getFirst().arrivalNanos();
        return of(name, latencies, ran.size(), first, lastDone, useful, paddedTokens);
    }

    private static SimResult of(String name, long[] latencies, long batches, long firstArrival, long lastDone,
                                long useful, long padded) {
        long[] sorted = latencies.clone();
        java.util.Arrays.sort(sorted);
        double sum = 0;
        for (long l : sorted) {
            sum += l;
        }
        int n = sorted.length;
        double span = Math.max(1, lastDone - firstArrival) / 1e9;
        return new SimResult(name, n, batches, n / span, n == 0 ? 0 : sum / n / 1e6, millis(sorted, 50),
                millis(sorted, 98), useful, padded);
    }

    private static double millis(long[] sorted, double p) {
        return sorted.length == 0 ? 0 : Stats.percentile(sorted, p) / 1e6;
    }
}
