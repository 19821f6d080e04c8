// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ayo4j.primitive.Primitive;
import dev.ayo4j.runtime.dispatch.Action;
import dev.ayo4j.runtime.dispatch.DispatchCore;
import dev.ayo4j.runtime.dispatch.VirtualTime;
import dev.ayo4j.runtime.dispatch.Work;
import dev.ayo4j.runtime.policies.BatchPolicies;
import dev.ayo4j.spi.Batch;
import dev.ayo4j.spi.BatchPolicy;
import dev.ayo4j.spi.Engine;
import dev.ayo4j.spi.EngineCapabilities;
import dev.ayo4j.spi.Task;
import dev.ayo4j.spi.TaskId;
import dev.ayo4j.spi.TaskResult;
import dev.ayo4j.testkit.ManualTicker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Proof that the simulator is the scheduler: one seeded workload runs through the live
 * {@link EngineScheduler} (its threads, a manual ticker, an engine whose batches take fixed service times
 * of virtual time) and through {@link VirtualTime} over the same {@link DispatchCore}, and both decide the
 * same batches, on the same members, at the same instants.
 */
class SchedulerSimulationEquivalenceTest {
    private static final int MAX_BATCH = 4;
    private static final int CONCURRENCY = 2;
    private static final long GUARD_NANOS = TimeUnit.SECONDS.toNanos(10);

    /** One task of the workload. */
    private record Job(long atNanos, TaskId id, double priority, long queryStartNanos, int tokens) {}

    /** A decision, as both sides report it. */
    private record Decision(long atNanos, int member, List<TaskId> tasks) {}

    static Stream<Arguments> policies() {
        return Stream.of(
                Arguments.of("max-batch", (Supplier<BatchPolicy>) () -> BatchPolicies.maxBatch(MAX_BATCH), 11L),
                Arguments.of("deadline", (Supplier<BatchPolicy>) () -> BatchPolicies.deadline(MAX_BATCH,
                        Duration.ofMillis(3)), 12L),
                Arguments.of("work-conserving", (Supplier<BatchPolicy>) () -> BatchPolicies.workConserving(MAX_BATCH,
                        600, Duration.ofMillis(2)), 13L),
                Arguments.of("token-budget", (Supplier<BatchPolicy>) () -> BatchPolicies.summedTokenBudget(500, MAX_BATCH,
                        Duration.ofMillis(4)), 14L));
    }

    /** Fixed service time of a batch: a base plus a per-token cost of its largest task. */
    private static long service(int size, int longestTokens) {
        return 1_000_003L + 7_919L * size * longestTokens;
    }

    private static List<Job> workload(long seed) {
        Random random = new Random(seed);
        List<Job> jobs = new ArrayList<>();
        long t = 1;
        for (int i = 0; i < 120; i++) {
            t += 1 + (long) (-Math.log(1 - random.nextDouble()) * 900_000); // Poisson, ~1,100 per second
            jobs.add(new Job(t, new TaskId("q" + i, "n" + i), random.nextInt(3) * 10.0, t - random.nextInt(5_000_000),
                    8 + random.nextInt(200)));
        }
        return jobs;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("policies")
    void liveSchedulerDecidesAsTheSimulatorDoes(String name, Supplier<BatchPolicy> policy, long seed)
            throws Exception {
        List<Job> jobs = workload(seed);
        List<Decision> simulated = simulate(jobs, policy.get());
        assertThat(simulated).hasSizeGreaterThan(jobs.size() / MAX_BATCH);
        assertDistinctInstants(jobs, simulated);
        assertThat(live(jobs, policy.get())).containsExactlyElementsOf(simulated);
    }

    private static List<Decision> simulate(List<Job> jobs, BatchPolicy policy) {
        Map<TaskId, Job> byId = new ConcurrentHashMap<>();
        List<VirtualTime.Arrival<TaskId>> arrivals = new ArrayList<>();
        for (Job j : jobs) {
            byId.put(j.id(), j);
            arrivals.add(new VirtualTime.Arrival<>(j.atNanos(), new Work<>(j.id(), j.id().query(), j.priority(),
                    j.queryStartNanos(), j.tokens(), 1, false)));
        }
        return VirtualTime.replay(DispatchCore.Config.shared("sim", CONCURRENCY, MAX_BATCH, policy), arrivals,
                        batch -> service(batch.size(), batch.stream().mapToInt(id -> byId.get(id).tokens()).max()
                                .orElseThrow()))
                .stream().map(r -> new Decision(r.run().atNanos(), r.run().member(), r.run().items())).toList();
    }

    /** No two events of the run share an instant: the live shell has no notion of "at the same time". */
    private static void assertDistinctInstants(List<Job> jobs, List<Decision> decisions) {
        Map<TaskId, Integer> tokens = new ConcurrentHashMap<>();
        jobs.forEach(j -> tokens.put(j.id(), j.tokens()));
        Set<Long> instants = new HashSet<>();
        jobs.forEach(j -> assertThat(instants.add(j.atNanos())).isTrue());
        for (Decision d : decisions) {
            long end = d.atNanos() + service(d.tasks().size(), d.tasks().stream().mapToInt(tokens::get).max()
                    .orElseThrow());
            assertThat(instants.add(end)).as("batch end %s", end).isTrue();
        }
    }

    private static List<Decision> live(List<Job> jobs, BatchPolicy policy) throws Exception {
        ManualTicker ticker = new ManualTicker();
        FixedServiceEngine engine = new FixedServiceEngine();
        List<Decision> decisions = new CopyOnWriteArrayList<>();
        Map<Long, Decision> byBatch = new ConcurrentHashMap<>();
        Map<Long, Decision> decisionsById = new ConcurrentHashMap<>();
        Map<Long, Integer> callbacks = new ConcurrentHashMap<>();
        long[] wake = {Long.MAX_VALUE};
        Map<String, Integer> tokens = new ConcurrentHashMap<>();
        jobs.forEach(j -> tokens.put(j.id().query(), j.tokens()));
        try (EngineScheduler s = new EngineScheduler(engine, policy, ticker, action -> {
            switch (action) {
                case Action.Run<?> run -> {
                    Decision d = new Decision(run.atNanos(), run.member(), run.items().stream()
                            .map(p -> ((EngineScheduler.Pending) p).task().id()).toList());
                    decisions.add(d);
                    byBatch.put(run.batchId(), d);
                    decisionsById.put(run.batchId(), d);
                }
                case Action.WaitUntil<?>(long deadline) -> wake[0] = deadline;
                case Action.Probe<?> _ -> throw new AssertionError("an engine scheduler never probes");
            }
        })) {
            Map<Long, Long> ends = new ConcurrentHashMap<>();
            int next = 0;
            settle(s);
            while (next < jobs.size() || s.queued() > 0 || !ends.isEmpty() || byBatch.size() > ends.size()) {
                for (Map.Entry<Long, Decision> e : byBatch.entrySet()) {
                    Decision d = e.getValue();
                    ends.putIfAbsent(e.getKey(), d.atNanos() + service(d.tasks().size(), d.tasks().stream()
                            .mapToInt(id -> tokens.get(id.query())).max().orElseThrow()));
                }
                byBatch.keySet().removeIf(id -> engine.released.contains(id));
                ends.keySet().removeIf(id -> engine.released.contains(id));
                long arrival = next < jobs.size() ? jobs.get(next).atNanos() : Long.MAX_VALUE;
                long end = ends.values().stream().mapToLong(Long::longValue).min().orElse(Long.MAX_VALUE);
                long t = Math.min(arrival, Math.min(end, wake[0]));
                if (t == Long.MAX_VALUE) {
                    break;
                }
                ticker.set(Math.max(t, ticker.read()));
                if (t == end) {
                    long batch = ends.entrySet().stream().filter(e -> e.getValue() == end).findFirst().orElseThrow()
                            .getKey();
                    int size = decisionsById.get(batch).tasks().size();
                    engine.open(batch);
                    long until = System.nanoTime() + GUARD_NANOS;
                    while (callbacks.getOrDefault(batch, 0) < size) { // after the core completed the batch
                        assertThat(System.nanoTime()).as("batch %s completed in time", batch).isLessThan(until);
                        Thread.sleep(0, 100_000);
                    }
                } else if (t == arrival) {
                    Job j = jobs.get(next++);
                    s.submit(Task.of(j.id(), new Primitive.Embed("fixed", 1, j.tokens()), Map.of("texts", List.of("x"))),
                            j.priority(), j.queryStartNanos(), j.tokens(), 1, c -> callbacks.merge(c.batchId(), 1, Integer::sum));
                } else {
                    wake[0] = Long.MAX_VALUE;
                    s.wakeUp();
                }
                settle(s);
            }
        }
        return decisions;
    }

    private static void settle(EngineScheduler s) throws InterruptedException {
        long until = System.nanoTime() + GUARD_NANOS;
        while (!s.settled()) {
            assertThat(System.nanoTime()).as("scheduler settled in time").isLessThan(until);
            Thread.sleep(0, 100_000);
        }
    }

    /** Engine whose batches end when the test opens them, at their fixed service time of virtual time. */
    private static final class FixedServiceEngine implements Engine {
        final Map<Long, CompletableFuture<Void>> gates = new ConcurrentHashMap<>();
        final Set<Long> released = ConcurrentHashMap.newKeySet();

        void open(long batch) {
            released.add(batch);
            gates.computeIfAbsent(batch, _ -> new CompletableFuture<>()).complete(null);
        }

        @Override
        public String name() {
            return "fixed";
        }

        @Override
        public EngineCapabilities capabilities() {
            return new EngineCapabilities(Set.of(Primitive.Embed.class), MAX_BATCH, 1 << 20, CONCURRENCY);
        }

        @Override
        public List<TaskResult> execute(Batch batch) {
            gates.computeIfAbsent(batch.id(), _ -> new CompletableFuture<>()).join();
            return batch.tasks().stream().map(_ -> TaskResult.success(List.of())).toList();
        }

        @Override
        public void close() {}
    }
}
