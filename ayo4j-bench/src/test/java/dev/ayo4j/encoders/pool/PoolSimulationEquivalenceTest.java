// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.encoders.pool;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ayo4j.bench.sim.ClusterSimulator;
import dev.ayo4j.bench.sim.Request;
import dev.ayo4j.bench.sim.Workloads;
import dev.ayo4j.encoders.LengthBinLevels;
import dev.ayo4j.encoders.policies.EncoderPolicyConfig;
import dev.ayo4j.encoders.policies.PolicyRegistry;
import dev.ayo4j.runtime.dispatch.Action;
import dev.ayo4j.runtime.dispatch.DispatchCore;
import dev.ayo4j.runtime.dispatch.Levels;
import dev.ayo4j.testkit.ManualTicker;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Proof that the cluster simulator is the encoder pool: one seeded workload runs through the pool's live
 * {@link Dispatcher} (its lock, owner and member threads, a manual ticker, members whose batches take fixed
 * service times of virtual time) and through {@link ClusterSimulator#replay} over the same core
 * configuration, and both decide the same batches, on the same members, at the same instants, with the same
 * level per batch: binned routing and re-allocation included.
 *
 * <p>Lives in the pool's package (in the module that holds the simulator) to drive the package-private shell.
 */
class PoolSimulationEquivalenceTest {
    private static final int MEMBERS = 3;
    private static final long PERIOD_NANOS = TimeUnit.MILLISECONDS.toNanos(200);
    private static final long GUARD_NANOS = TimeUnit.SECONDS.toNanos(30);

    /** A decision, as both sides report it: requests by their index in the trace. */
    private record Decision(long atNanos, int member, int level, List<Integer> requests) {}

    static Stream<Arguments> pools() {
        EncoderPolicyConfig waits = EncoderPolicyConfig.DEFAULT.withMaxWaitNanos(TimeUnit.MILLISECONDS.toNanos(3));
        return Stream.of(
                Arguments.of("arlo binned", "arlo", EncoderPolicyConfig.DEFAULT, true, 21L),
                Arguments.of("arlo binned, waiting", "arlo", waits, true, 22L),
                Arguments.of("fifo-token-budget shared, waiting", "fifo-token-budget", waits, false, 23L),
                Arguments.of("sorted-window shared", "sorted-window", EncoderPolicyConfig.DEFAULT, false, 24L));
    }

    /** Fixed service time of a batch: a base plus a per-token cost of its rows and longest text. */
    private static long service(int rows, int longestTokens) {
        return 1_000_003L + 7_919L * rows * longestTokens;
    }

    private static DispatchCore.Config config(String policy, EncoderPolicyConfig c, boolean binned) {
        Levels levels = binned ? new LengthBinLevels(c.bins(), c.routing(), c.cost(), c.tokenBudget(), PERIOD_NANOS)
                : Levels.single();
        return new DispatchCore.Config("equivalence", MEMBERS, c.maxBatch(), PolicyRegistry.standard().create(policy, c),
                levels, EncoderPoolBuilder.DEFAULT_MAX_ATTEMPTS, EncoderPoolBuilder.DEFAULT_BACKOFF.toNanos(),
                EncoderPoolBuilder.MAX_BACKOFF.toNanos());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pools")
    void livePoolDecidesAsTheClusterSimulatorDoes(String name, String policy, EncoderPolicyConfig c, boolean binned,
                                                  long seed) throws Exception {
        List<Request> trace = distinct(Workloads.poisson(Workloads.skewed(), 400, 1.0, seed));
        List<Decision> simulated = ClusterSimulator.replay(config(policy, c, binned), trace,
                        batch -> service(batch.size(), batch.stream().mapToInt(Request::tokens).max().orElseThrow()))
                .stream().map(r -> new Decision(r.run().atNanos(), r.run().member(), r.run().level(),
                        r.run().items().stream().map(trace::indexOf).toList())).toList();
        assertThat(simulated).hasSizeGreaterThan(MEMBERS);
        if (binned) {
            assertThat(simulated.stream().map(Decision::level).distinct().count()).as("re-allocated to several levels")
                    .isGreaterThan(1);
        }
        assertDistinctInstants(trace, simulated);
        assertThat(live(trace, config(policy, c, binned))).containsExactlyElementsOf(simulated);
    }

    /** The trace with requests made distinct (the simulator's items are compared by index). */
    private static List<Request> distinct(List<Request> trace) {
        List<Request> out = new ArrayList<>(trace.size());
        Set<Long> seen = new HashSet<>();
        for (Request r : trace) {
            long t = r.arrivalNanos();
            while (!seen.add(t)) {
                t++;
            }
            out.add(new Request(t, r.tokens()));
        }
        return out;
    }

    /** No two events of the run share an instant: the live shell has no notion of "at the same time". */
    private static void assertDistinctInstants(List<Request> trace, List<Decision> decisions) {
        Set<Long> instants = new HashSet<>();
        trace.forEach(r -> assertThat(instants.add(r.arrivalNanos())).isTrue());
        for (Decision d : decisions) {
            long end = d.atNanos() + service(d.requests().size(), d.requests().stream().mapToInt(i -> trace.get(i)
                    .tokens()).max().orElseThrow());
            assertThat(instants.add(end)).as("batch end %s", end).isTrue();
        }
    }

    private static List<Decision> live(List<Request> trace, DispatchCore.Config config) throws Exception {
        ManualTicker ticker = new ManualTicker();
        List<GatedMember> members = new ArrayList<>();
        for (int m = 0; m < MEMBERS; m++) {
            members.add(new GatedMember(m));
        }
        List<Decision> decisions = new CopyOnWriteArrayList<>();
        Map<Integer, Decision> running = new ConcurrentHashMap<>(); // by member
        long[] wake = {Long.MAX_VALUE};
        Dispatcher dispatcher = new Dispatcher("equivalence", List.copyOf(members), ticker, config, trace.size(),
                action -> {
                    switch (action) {
                        case Action.Run<?> run -> {
                            Decision d = new Decision(run.atNanos(), run.member(), run.level(), run.items().stream()
                                    .map(t -> Integer.parseInt(((Dispatcher.Text) t).text())).toList());
                            decisions.add(d);
                            running.put(run.member(), d);
                        }
                        case Action.WaitUntil<?>(long deadline) -> wake[0] = deadline;
                        case Action.Probe<?> _ -> throw new AssertionError("no member fails here");
                    }
                });
        List<CompletableFuture<List<float[]>>> futures = new ArrayList<>();
        try {
            int next = 0;
            while (next < trace.size() || !running.isEmpty()) {
                long arrival = next < trace.size() ? trace.get(next).arrivalNanos() : Long.MAX_VALUE;
                int ending = -1;
                long end = Long.MAX_VALUE;
                for (Map.Entry<Integer, Decision> e : running.entrySet()) {
                    Decision d = e.getValue();
                    long at = d.atNanos() + service(d.requests().size(), d.requests().stream()
                            .mapToInt(i -> trace.get(i).tokens()).max().orElseThrow());
                    if (at < end) {
                        end = at;
                        ending = e.getKey();
                    }
                }
                long t = Math.min(arrival, Math.min(end, wake[0]));
                assertThat(t).as("something is due").isNotEqualTo(Long.MAX_VALUE);
                ticker.set(Math.max(t, ticker.read()));
                if (t == end) {
                    Decision d = running.remove(ending);
                    members.get(ending).open();
                    for (int i : d.requests()) { // completed after the core completed the batch and ticked
                        futures.get(i).get(GUARD_NANOS, TimeUnit.NANOSECONDS);
                    }
                } else if (t == arrival) {
                    Request r = trace.get(next);
                    futures.add(dispatcher.enqueue(List.of(Integer.toString(next)), new int[] {r.tokens()}));
                    next++;
                } else {
                    wake[0] = Long.MAX_VALUE;
                    dispatcher.wakeUp();
                }
            }
        } finally {
            dispatcher.close();
        }
        return decisions;
    }

    /** Member whose batches end when the test opens them: at their fixed service time of virtual time. */
    private static final class GatedMember implements Member {
        private final int id;
        private final Semaphore gate = new Semaphore(0);

        GatedMember(int id) {
            this.id = id;
        }

        void open() {
            gate.release();
        }

        @Override
        public String name() {
            return "gated-" + id;
        }

        @Override
        public List<float[]> embed(List<String> texts) {
            gate.acquireUninterruptibly();
            return texts.stream().map(_ -> new float[] {1}).toList();
        }

        @Override
        public boolean healthy() {
            return true;
        }

        @Override
        public boolean blocksInNative() {
            return false;
        }

        @Override
        public void close() {}
    }
}
