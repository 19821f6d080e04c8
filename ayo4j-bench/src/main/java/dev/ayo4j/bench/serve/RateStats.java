// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.bench.serve;

import dev.ayo4j.Checks;
import dev.ayo4j.bench.Stats;
import java.util.List;
import java.util.Objects;

/**
 * What one system did under one arrival pattern: throughput, latency and time-to-first-token percentiles
 * of the answered requests, goodput at the latency SLO, and the requests refused (429) or failed.
 * Percentiles are nearest-rank ({@link Stats#percentile}); rates are per second of the run's makespan, from
 * the first arrival to the last response.
 *
 * @param system       the system's name
 * @param arrivals     the arrival pattern, e.g. {@code one-at-a-time} or {@code trace 0.2/s}
 * @param offeredRate  the trace's mean rate in requests/s; 0 for one at a time
 * @param requests     requests sent
 * @param ok           requests answered completely
 * @param rejected     requests refused with 429
 * @param failed       other failures
 * @param makespanS    from the first arrival to the last response, in seconds
 * @param throughput   answered requests per second of the makespan
 * @param p50Ms        median latency of the answered requests, arrival to last byte
 * @param p90Ms        90th percentile latency
 * @param p99Ms        99th percentile latency
 * @param meanMs       mean latency
 * @param ttftP50Ms    median time to first answer token
 * @param ttftP90Ms    90th percentile time to first answer token
 * @param sloMs        the latency SLO of the goodput
 * @param goodput      requests answered within the SLO per second of the makespan
 * @param sloAttained  the fraction of all requests answered within the SLO
 */
public record RateStats(String system, String arrivals, double offeredRate, int requests, int ok, int rejected,
                        int failed, double makespanS, double throughput, double p50Ms, double p90Ms, double p99Ms,
                        double meanMs, double ttftP50Ms, double ttftP90Ms, double sloMs, double goodput,
                        double sloAttained) {
    /** The statistics of {@code outcomes} (at least one) against an SLO of {@code sloNanos}. */
    public static RateStats of(String system, String arrivals, double offeredRate, List<RequestOutcome> outcomes,
                               long sloNanos) {
        Objects.requireNonNull(system, "system");
        Checks.argument(!outcomes.isEmpty(), "no outcomes of %s under %s", system, arrivals);
        Checks.argument(sloNanos > 0, "the SLO must be > 0: %s", sloNanos);
        List<RequestOutcome> answered = outcomes.stream().filter(o -> o.status() == RequestOutcome.Status.OK).toList();
        int rejected = (int) outcomes.stream().filter(o -> o.status() == RequestOutcome.Status.REJECTED).count();
        long start = outcomes.stream().mapToLong(RequestOutcome::arrivalNanos).min().orElseThrow();
        long end = outcomes.stream().mapToLong(RequestOutcome::completedNanos).max().orElseThrow();
        double makespan = Math.max(end - start, 1) / 1e9;
        List<Double> ms = answered.stream().map(o -> o.latencyNanos() / 1e6).toList();
        List<Double> ttft = answered.stream().filter(o -> o.ttftNanos() >= 0).map(o -> o.ttftNanos() / 1e6).toList();
        long good = outcomes.stream().filter(o -> o.withinSlo(sloNanos)).count();
        return new RateStats(system, arrivals, offeredRate, outcomes.size(), answered.size(), rejected,
                outcomes.size() - answered.size() - rejected, makespan, answered.size() / makespan,
                Stats.percentile(ms, 50), Stats.percentile(ms, 90), Stats.percentile(ms, 99), Stats.mean(ms),
                Stats.percentile(ttft, 50), Stats.percentile(ttft, 90), sloNanos / 1e6, good / makespan,
                (double) good / outcomes.size());
    }
}
