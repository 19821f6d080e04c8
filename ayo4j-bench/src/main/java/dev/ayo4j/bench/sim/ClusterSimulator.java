// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.bench.sim;

import dev.ayo4j.Checks;
import dev.ayo4j.encoders.Allocator;
import dev.ayo4j.encoders.ArloRouting;
import dev.ayo4j.encoders.ForwardPassLatency;
import dev.ayo4j.encoders.LengthBins;
import dev.ayo4j.runtime.dispatch.DispatchCore;
import dev.ayo4j.runtime.dispatch.Levels;
import dev.ayo4j.runtime.dispatch.VirtualTime;
import dev.ayo4j.runtime.policies.BatchPolicies;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Simulator of Arlo's cluster level (Arlo §4) on the encoder pool's own {@link DispatchCore}, driven in
 * {@link VirtualTime}: {@code workers} instances, each serving one length bin's static runtime at batch 1
 * (as the paper), texts routed from their tightest bin with {@link ArloRouting} (congestion = the bin's
 * queued and running texts over its instances' capacity within the SLO), and an allocation of instances to
 * bins that is even, fixed from the whole trace's length histogram, or re-computed every period by the
 * {@link Allocator} from the last period's arrival rates, exactly as the pool re-allocates. A moved instance
 * finishes its batch, then is unavailable for {@code switchNanos} while its new runtime loads.
 * {@link #replay} runs any pool configuration (the pool's own {@code LengthBinLevels} and policy) the same
 * way.
 */
public final class ClusterSimulator {
    /** How instances are allocated to bins. */
    public sealed interface Strategy {
        /** The same number of instances on every bin. */
        record Even() implements Strategy {}

        /** Once, from the length histogram of the whole trace (an oracle of the long-term mix). */
        record GlobalHistogram() implements Strategy {}

        /** Every {@code periodNanos}, from the last period's arrival rates; even until the first period ends. */
        record Periodic(long periodNanos) implements Strategy {
            public Periodic {
                Checks.argument(periodNanos > 0, "period must be > 0: %s", periodNanos);
            }
        }
    }

    private final LengthBins bins;
    private final int workers;
    private final long switchNanos;
    private final ArloRouting routing;
    private final long[] service;
    private final double[] capacity;

    public ClusterSimulator(ForwardPassLatency cost, LengthBins bins, int workers, long sloNanos, long switchNanos,
                            ArloRouting routing) {
        Objects.requireNonNull(cost, "cost");
        this.bins = Objects.requireNonNull(bins, "bins");
        this.routing = Objects.requireNonNull(routing, "routing");
        Checks.argument(workers >= bins.count(), "need at least one worker per bin: %s < %s", workers, bins.count());
        Checks.argument(sloNanos > 0 && switchNanos >= 0, "need slo > 0, switch >= 0: %s, %s", sloNanos, switchNanos);
        this.workers = workers;
        this.switchNanos = switchNanos;
        int k = bins.count();
        service = new long[k];
        capacity = new double[k];
        for (int b = 0; b < k; b++) {
            service[b] = cost.latencyNanos(1, bins.upper(b));
            capacity[b] = Math.max(1, sloNanos / service[b]);
        }
    }

    /** Replays {@code trace} (in arrival order) under {@code strategy}. */
    public SimResult run(String name, Strategy strategy, List<Request> trace) {
        int k = bins.count();
        int @Nullable [] fixed = switch (strategy) {
            case Strategy.Even() -> toArray(Allocator.evenSplit(workers, k));
            case Strategy.GlobalHistogram() -> globalSplit(trace);
            case Strategy.Periodic _ -> null;
        };
        long period = strategy instanceof Strategy.Periodic(long p) ? p : Long.MAX_VALUE;
        Levels levels = new BinLevels(fixed, period);
        DispatchCore.Config config = new DispatchCore.Config(name, workers, 1, BatchPolicies.maxBatch(1), levels, 1,
                1, 1);
        // A static runtime pads every text to its bin's bound: the level the instance serves sets the cost, also
        // for a shorter text it takes when its own level is empty.
        List<VirtualTime.Ran<Request>> ran = VirtualTime.replayRuns(config, Request.arrivals(trace),
                run -> service[run.level()]);
        return SimResult.of(name, trace, ran, run -> (long) run.items().size() * bins.upper(run.level()));
    }

    /**
     * Every batch a pool configured by {@code config} decides for {@code trace}, a batch occupying its member for
     * its {@code service} time: the pool's own decisions in virtual time.
     */
    public static List<VirtualTime.Ran<Request>> replay(DispatchCore.Config config, List<Request> trace,
                                                        VirtualTime.ServiceTime<Request> service) {
        return VirtualTime.replay(config, Request.arrivals(trace), service);
    }

    private int[] globalSplit(List<Request> trace) {
        long[] counts = new long[bins.count()];
        trace.forEach(r -> counts[bins.binOf(r.tokens())]++);
        double seconds = trace.isEmpty() ? 1
                : Math.max(1, trace.getLast().arrivalNanos() - trace.getFirst().arrivalNanos()) / 1e9;
        double[] rates = new double[counts.length];
        for (int b = 0; b < counts.length; b++) {
            rates[b] = counts[b] / seconds;
        }
        return allocate(workers, rates);
    }

    private int[] allocate(int live, double[] ratesPerSecond) {
        List<Allocator.BinLoad> loads = new ArrayList<>(ratesPerSecond.length);
        for (int b = 0; b < ratesPerSecond.length; b++) {
            loads.add(new Allocator.BinLoad(ratesPerSecond[b], service[b] / 1e9));
        }
        return toArray(Allocator.allocate(live, loads).workersPerBin());
    }

    private static int[] toArray(List<Integer> split) {
        return split.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The cluster's bins as the core's levels: a fixed split, or the allocator's for each period's rates. */
    private final class BinLevels implements Levels {
        private final int @Nullable [] fixed;
        private final long periodNanos;

        BinLevels(int @Nullable [] fixed, long periodNanos) {
            this.fixed = fixed;
            this.periodNanos = periodNanos;
        }

        @Override
        public int count() {
            return bins.count();
        }

        @Override
        public int binOf(int tokens) {
            return bins.binOf(tokens);
        }

        @Override
        public int route(int tokens, Loads loads) {
            return routing.choose(bins.binOf(tokens), bins.count(), loads, b -> capacity[b]);
        }

        @Override
        public long periodNanos() {
            return periodNanos;
        }

        @Override
        public boolean membersServeShorterLevels() {
            return false; // an instance runs its bin's static runtime on what the router sends it
        }

        @Override
        public long switchNanos() {
            return switchNanos;
        }

        @Override
        public int[] split(int live, double @Nullable [] ratesPerSecond) {
            if (fixed != null) {
                return fixed.clone();
            }
            return ratesPerSecond == null ? toArray(Allocator.evenSplit(live, bins.count()))
                    : allocate(live, ratesPerSecond);
        }
    }
}
