// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ayo4j.primitive.Primitive;
import dev.ayo4j.runtime.policies.BatchPolicies;
import dev.ayo4j.spi.Batch;
import dev.ayo4j.spi.BatchPolicy;
import dev.ayo4j.spi.Task;
import dev.ayo4j.spi.TaskId;
import dev.ayo4j.spi.TaskResult;
import dev.ayo4j.testkit.ManualTicker;
import dev.ayo4j.testkit.TestingEngine;
import dev.ayo4j.testkit.TestingGate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

class EngineSchedulerTest {
    private final ManualTicker ticker = new ManualTicker();
    private final TestingGate gate = new TestingGate();
    private final Map<String, CompletableFuture<EngineScheduler.Completion>> done = new ConcurrentHashMap<>();

    private static Task embed(String query, String node) {
        return Task.of(new TaskId(query, node), new Primitive.Embed("embedder", 1, 4), Map.of(Primitive.Embed.TEXTS.name(), List.of(node)));
    }

    private void submit(EngineScheduler s, String query, String node, double priority, long queryStart) {
        CompletableFuture<EngineScheduler.Completion> f = new CompletableFuture<>();
        done.put(query + "/" + node, f);
        s.submit(embed(query, node), priority, queryStart, 4, 1, f::complete);
    }

    /** An embedder that holds every batch until the gate is released. */
    private TestingEngine gated() {
        return TestingEngine.builder("embedder").gate(Primitive.Embed.class, gate).build();
    }

    /** A scheduler with {@code policy} whose {@code engine} is busy with a blocker (query q0) until the gate opens. */
    private EngineScheduler busy(TestingEngine engine, BatchPolicy policy) throws InterruptedException {
        EngineScheduler s = new EngineScheduler(engine, policy, ticker);
        submit(s, "q0", "blocker", 0, 0);
        assertThat(gate.awaitArrivals(1, Fixtures.GUARD)).isTrue();
        return s;
    }

    /** Opens the gate and waits for every task submitted. */
    private void releaseAndAwaitAll() {
        gate.release();
        CompletableFuture.allOf(done.values().toArray(CompletableFuture[]::new)).join();
    }

    private static List<String> nodes(List<Batch> batches) {
        return batches.stream().flatMap(b -> b.tasks().stream()).map(t -> t.id().node()).toList();
    }

    /** A task to submit: its query and node, its priority and its query's start. */
    private record Submission(String query, String node, double priority, long queryStart) {}

    /**
     * The nodes in the order a one-at-a-time scheduler serves them when {@code submissions} queue, in order,
     * behind the blocker.
     */
    private List<String> servedOneAtATime(Submission... submissions) throws InterruptedException {
        TestingEngine engine = gated();
        try (EngineScheduler s = busy(engine, BatchPolicies.maxBatch(1))) {
            for (Submission t : submissions) {
                submit(s, t.query(), t.node(), t.priority(), t.queryStart());
            }
            releaseAndAwaitAll();
            return nodes(engine.batches());
        }
    }

    @Test
    void servesTheLargestRemainingCriticalPathFirst() throws Exception {
        assertThat(servedOneAtATime(new Submission("q1", "short", 5, 1), new Submission("q2", "long", 500, 2),
                new Submission("q3", "medium", 50, 3))).containsExactly("blocker", "long", "medium", "short");
    }

    @Test
    void breaksTiesByQueryAgeThenArrival() throws Exception {
        assertThat(servedOneAtATime(new Submission("young", "a", 10, 300), new Submission("old", "b", 10, 100),
                new Submission("old", "c", 10, 100))).containsExactly("blocker", "b", "c", "a");
    }

    @Test
    void batchesWhatQueuedWhileTheEngineWasBusy() throws Exception {
        TestingEngine engine = gated();
        try (EngineScheduler s = busy(engine, BatchPolicies.maxBatch(8))) {
            for (int i = 1; i <= 10; i++) {
                submit(s, "q" + i, "n" + i, 1, i);
            }
            releaseAndAwaitAll();
            assertThat(engine.batches()).extracting(Batch::size).containsExactly(1, 8, 2);
            EngineScheduler.Completion c = done.get("q3/n3").join();
            assertThat(c.batchSize()).isEqualTo(8);
            assertThat(c.result()).isInstanceOf(TaskResult.Success.class);
        }
    }

    @Test
    void engineThatThrowsFailsItsBatchAndTheSchedulerGoesOn() {
        TestingEngine engine = TestingEngine.builder("embedder")
                .throwWhen(t -> t.id().query().equals("bad")).build();
        try (EngineScheduler s = new EngineScheduler(engine, BatchPolicies.maxBatch(1), ticker)) {
            submit(s, "bad", "x", 1, 0);
            submit(s, "good", "y", 1, 1);
            assertThat(done.get("bad/x").join().result()).isInstanceOfSatisfying(TaskResult.Failure.class,
                    f -> assertThat(f.cause()).hasMessageContaining("engine embedder").hasMessageContaining("Embed")
                            .hasMessageContaining("is broken"));
            assertThat(done.get("good/y").join().result()).isInstanceOf(TaskResult.Success.class);
        }
    }

    @Test
    void cancelWithdrawsOnlyThatQuerysQueuedTasks() throws Exception {
        TestingEngine engine = gated();
        try (EngineScheduler s = busy(engine, BatchPolicies.maxBatch(1))) {
            submit(s, "gone", "a", 1, 1);
            submit(s, "gone", "b", 1, 1);
            submit(s, "kept", "c", 1, 2);
            assertThat(s.cancel("gone")).isEqualTo(2);
            assertThat(s.queued()).isEqualTo(1);
            assertThat(s.queued("gone")).isZero();
            gate.release();
            done.get("kept/c").join();
            assertThat(nodes(engine.batches())).containsExactly("blocker", "c");
        }
    }

    @Test
    void waitsForThePolicysDeadlineWithoutPolling() throws Exception {
        TestingEngine engine = TestingEngine.builder("embedder").build();
        try (EngineScheduler s = new EngineScheduler(engine, BatchPolicies.deadline(4, java.time.Duration.ofHours(1)),
                ticker)) {
            submit(s, "q1", "a", 1, 0);
            submit(s, "q2", "b", 1, 0);
            assertThat(s.queued()).isEqualTo(2);
            assertThat(engine.batches()).isEmpty();
            ticker.advance(java.time.Duration.ofHours(1));
            s.wakeUp();
            done.get("q2/b").join();
            assertThat(engine.batches()).extracting(Batch::size).containsExactly(2);
        }
    }
}
