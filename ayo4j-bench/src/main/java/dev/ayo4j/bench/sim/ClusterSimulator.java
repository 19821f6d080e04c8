// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.bench.sim;

import dev.ayo4j.Checks;
import dev.ayo4j.encoders.Allocator;
import dev.ayo4j.encoders.ArloRouting;
import dev.ayo4j.encoders.ForwardPassLatency;
import dev.ayo4j.encoders.LengthBins;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Simulator of Arlo's cluster level (Arlo §4): {@code workers} instances, each serving one length bin's
 * static runtime at batch 1 (as the paper), a request router that walks from the tightest bin with
 * {@link ArloRouting} (congestion = the least-loaded instance's outstanding requests / its capacity within
 * the SLO) and joins that instance's FIFO queue, and an allocation of instances to bins that is even, fixed
 * from the whole trace's length histogram, or re-computed every period by the {@link Allocator} from the
 * last period's histogram. A moved instance finishes its queue, then is down for {@code switchNanos} while
 * its new runtime loads.
 */
public final class ClusterSimulator {
    private static final long SECOND = 1_000_000_000L;
    /** How instances are allocated to bins. */
    public sealed interface Strategy {
        /** The same number of instances on every bin. */
        record Even() implements Strategy {}

        /** Once, from the length histogram of the whole trace (an oracle of the long-term mix). */
        record GlobalHistogram() implements Strategy {}

        /**
         * Every {@code periodNanos}, from the last period's histogram (each bin's busiest second of it); even
         * until the first period ends.
         */
        record Periodic(long periodNanos) implements Strategy {
            public Periodic {
                Checks.argument(periodNanos > 0, "period must be > 0: %s", periodNanos);
            }
        }
    }

    private final ForwardPassLatency cost;
    private final LengthBins bins;
    private final int workers;
    private final long sloNanos;
    private final long switchNanos;
    private final ArloRouting routing;

    public ClusterSimulator(ForwardPassLatency cost, LengthBins bins, int workers, long sloNanos, long switchNanos,
                            ArloRouting routing) {
        this.cost = Objects.requireNonNull(cost, "cost");
        this.bins = Objects.requireNonNull(bins, "bins");
        this.routing = Objects.requireNonNull(routing, "routing");
        Checks.argument(workers >= bins.count(), "need at least one worker per bin: %s < %s", workers, bins.count());
        Checks.argument(sloNanos > 0 && switchNanos >= 0, "need slo > 0, switch >= 0: %s, %s", sloNanos, switchNanos);
        this.workers = workers;
        this.sloNanos = sloNanos;
        this.switchNanos = switchNanos;
    }

    /** One instance: its bin, when its queue drains, and the completion times still ahead. */
    private static final class Instance {
        int bin;
        long freeAt;
        final ArrayDeque<Long> outstanding = new ArrayDeque<>();

        int outstanding(long now) {
            while (!outstanding.isEmpty() && outstanding.peekFirst() <= now) {
                outstanding.pollFirst();
            }
            return outstanding.size();
        }
    }

    /** Replays {@code trace} (in arrival order) under {@code strategy}. */
    public SimResult run(String name, Strategy strategy, List<Request> trace) {
        int k = bins.count();
        long[] service = new long[k];
        double[] capacity = new double[k];
        for (int b = 0; b < k; b++) {
            service[b] = cost.latencyNanos(1, bins.upper(b));
            capacity[b] = Math.max(1, sloNanos / service[b]);
        }
        List<Instance> instances = new ArrayList<>(workers);
        for (int i = 0; i < workers; i++) {
            instances.add(new Instance());
        }
        assignInitially(instances, switch (strategy) {
            case Strategy.Even() -> Allocator.evenSplit(workers, k);
            case Strategy.GlobalHistogram() -> allocate(histogram(trace, 0, Long.MAX_VALUE), spanSeconds(trace),
                    service);
            case Strategy.Periodic _ -> Allocator.evenSplit(workers, k);
        });
        long period = strategy instanceof Strategy.Periodic(long p) ? p : Long.MAX_VALUE;
        long nextRealloc = period;
        int windowStart = 0;
        long[] latencies = new long[trace.size()];
        long useful = 0;
        long padded = 0;
        long lastDone = 0;
        for (int i = 0; i < trace.size(); i++) {
            Request r = trace.get(i);
            long now = r.arrivalNanos();
            while (now >= nextRealloc) {
                // Arlo plans for the per-bin arrivals of an SLO window; take each bin's busiest one-second window
                // of the last period, so a burst inside the period is provisioned for.
                long[] peak = new long[k];
                long[] counts = new long[k];
                long bucketEnd = nextRealloc - period + SECOND;
                while (windowStart < i) {
                    Request w = trace.get(windowStart++);
                    while (w.arrivalNanos() >= bucketEnd) {
                        flushPeak(counts, peak);
                        bucketEnd += SECOND;
                    }
                    counts[bins.binOf(w.tokens())]++;
                }
                flushPeak(counts, peak);
                assign(instances, allocate(peak, 1.0, service), nextRealloc);
                nextRealloc += period;
            }
            int bin = routing.choose(bins.binOf(r.tokens()), k, b -> {
                Instance least = leastLoaded(instances, b, now);
                return least == null ? Double.NaN : least.outstanding(now) / capacity[b];
            });
            Instance target = leastLoaded(instances, bin, now);
            long done = Math.max(now, target.freeAt) + service[bin];
            target.freeAt = done;
            target.outstanding.addLast(done);
            latencies[i] = done - now;
            lastDone = Math.max(lastDone, done);
            useful += r.tokens();
            padded += bins.upper(bin);
        }
        long first = trace.isEmpty() ? 0 : trace.getFirst().arrivalNanos();
        return SimResult.of(name, latencies, trace.size(), first, lastDone, useful, padded);
    }

    private static void flushPeak(long[] counts, long[] peak) {
        for (int b = 0; b < counts.length; b++) {
            peak[b] = Math.max(peak[b], counts[b]);
            counts[b] = 0;
        }
    }

    private List<Integer> allocate(long[] counts, double seconds, long[] service) {
        List<Allocator.BinLoad> loads = new ArrayList<>(counts.length);
        for (int b = 0; b < counts.length; b++) {
            loads.add(new Allocator.BinLoad(counts[b] / Math.max(seconds, 1e-9), service[b] / 1e9));
        }
        return Allocator.allocate(workers, loads).workersPerBin();
    }

    private long[] histogram(List<Request> trace, long from, long to) {
        long[] counts = new long[bins.count()];
        for (Request r : trace) {
            if (r.arrivalNanos() >= from && r.arrivalNanos() < to) {
                counts[bins.binOf(r.tokens())]++;
            }
        }
        return counts;
    }

    private static double spanSeconds(List<Request> trace) {
        return trace.isEmpty() ? 1 : Math.max(1, trace.getLast().arrivalNanos() - trace.getFirst().arrivalNanos()) / 1e9;
    }

    private static void assignInitially(List<Instance> instances, List<Integer> split) {
        int i = 0;
        for (int b = 0; b < split.size(); b++) {
            for (int n = 0; n < split.get(b); n++) {
                instances.get(i++).bin = b;
            }
        }
    }

    /** Moves the fewest instances so that bin {@code b} has {@code split.get(b)}; a moved one switches runtime. */
    private void assign(List<Instance> instances, List<Integer> split, long now) {
        int[] have = new int[bins.count()];
        for (Instance in : instances) {
            have[in.bin]++;
        }
        for (Instance in : instances) {
            if (have[in.bin] <= split.get(in.bin)) {
                continue;
            }
            for (int b = 0; b < split.size(); b++) {
                if (have[b] < split.get(b)) {
                    have[in.bin]--;
                    have[b]++;
                    in.bin = b;
                    in.freeAt = Math.max(in.freeAt, now) + switchNanos;
                    break;
                }
            }
        }
    }

    private static Instance leastLoaded(List<Instance> instances, int bin, long now) {
        Instance best = null;
        int bestLoad = Integer.MAX_VALUE;
        for (Instance in : instances) {
            if (in.bin == bin) {
                int load = in.outstanding(now) + (in.freeAt > now && in.outstanding.isEmpty() ? 1 : 0);
                if (load < bestLoad) {
                    best = in;
                    bestLoad = load;
                }
            }
        }
        return best;
    }
}
