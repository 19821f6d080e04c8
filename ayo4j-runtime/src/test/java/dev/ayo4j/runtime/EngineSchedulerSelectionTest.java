// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ayo4j.primitive.Primitive;
import dev.ayo4j.spi.Batch;
import dev.ayo4j.spi.BatchDecision;
import dev.ayo4j.spi.BatchPolicy;
import dev.ayo4j.spi.QueueView;
import dev.ayo4j.spi.Task;
import dev.ayo4j.spi.TaskId;
import dev.ayo4j.testkit.ManualTicker;
import dev.ayo4j.testkit.TestingEngine;
import dev.ayo4j.testkit.TestingGate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The scheduler acting on {@link BatchDecision.DispatchSelected}: which tasks leave the queue, and in what order. */
class EngineSchedulerSelectionTest {
    private final ManualTicker ticker = new ManualTicker();
    private final TestingGate gate = new TestingGate();
    private final List<CompletableFuture<EngineScheduler.Completion>> done = new ArrayList<>();

    private void submit(EngineScheduler s, String node, int tokens, long queryStart) {
        CompletableFuture<EngineScheduler.Completion> f = new CompletableFuture<>();
        done.add(f);
        Task task = Task.of(new TaskId("q" + queryStart, node), new Primitive.Embed("embedder", 1, tokens),
                Map.of(Primitive.Embed.TEXTS.name(), List.of(node)));
        s.submit(task, 1, queryStart, tokens, 1, f::complete);
    }

    /** A scheduler with {@code policy} whose {@code engine} is busy with a blocker until the gate opens. */
    private EngineScheduler busy(TestingEngine engine, BatchPolicy policy) throws InterruptedException {
        EngineScheduler s = new EngineScheduler(engine, policy, ticker);
        submit(s, "blocker", 1, 0);
        assertThat(gate.awaitArrivals(1, Fixtures.GUARD)).isTrue();
        return s;
    }

    /** Opens the gate and waits for every task submitted. */
    private void releaseAndAwaitAll() {
        gate.release();
        CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).join();
    }

    private static List<List<String>> batches(TestingEngine engine) {
        return engine.batches().stream().map(b -> b.tasks().stream().map(t -> t.id().node()).toList()).toList();
    }

    /** Batches the queued tasks longer than 100 tokens first (listed last to first), then the rest one by one. */
    private static BatchDecision longOnesFirst(QueueView view, long now) {
        List<Integer> longOnes = new ArrayList<>();
        for (int i = view.size() - 1; i >= 0; i--) {
            if (view.entry(i).tokens() > 100) {
                longOnes.add(i);
            }
        }
        if (!longOnes.isEmpty()) {
            return new BatchDecision.DispatchSelected(longOnes);
        }
        return view.size() == 0 ? BatchDecision.idle() : BatchDecision.dispatch(1);
    }

    @Test
    void dispatchesTheSelectedTasksInTheListedOrder() throws Exception {
        TestingEngine engine = TestingEngine.builder("embedder").gate(Primitive.Embed.class, gate).build();
        try (EngineScheduler s = busy(engine, EngineSchedulerSelectionTest::longOnesFirst)) {
            submit(s, "short1", 10, 1);
            submit(s, "long1", 300, 2);
            submit(s, "short2", 10, 3);
            submit(s, "long2", 500, 4);
            releaseAndAwaitAll();
            assertThat(batches(engine)).containsExactly(List.of("blocker"), List.of("long2", "long1"),
                    List.of("short1"), List.of("short2"));
            assertThat(s.queued()).isZero();
        }
    }

    @Test
    void capsASelectionAtTheEnginesBatchLimit() throws Exception {
        TestingEngine engine = TestingEngine.builder("embedder").maxBatchSize(2).gate(Primitive.Embed.class, gate)
                .build();
        BatchPolicy everyThing = (view, now) -> {
            if (view.size() == 0) {
                return BatchDecision.idle();
            }
            int[] all = new int[view.size()];
            for (int i = 0; i < all.length; i++) {
                all[i] = all.length - 1 - i;
            }
            return BatchDecision.dispatchSelected(all);
        };
        try (EngineScheduler s = busy(engine, everyThing)) {
            submit(s, "a", 1, 1);
            submit(s, "b", 1, 2);
            submit(s, "c", 1, 3);
            releaseAndAwaitAll();
            assertThat(engine.batches()).extracting(Batch::size).containsExactly(1, 2, 1);
            assertThat(batches(engine).get(1)).containsExactly("c", "b");
        }
    }

    @Test
    void aSelectionPastTheQueueFallsBackToTheHead() throws Exception {
        TestingEngine engine = TestingEngine.builder("embedder").gate(Primitive.Embed.class, gate).build();
        BatchPolicy broken = (view, now) -> view.size() == 0 ? BatchDecision.idle()
                : BatchDecision.dispatchSelected(view.size());
        try (EngineScheduler s = busy(engine, broken)) {
            submit(s, "a", 1, 1);
            submit(s, "b", 1, 2);
            releaseAndAwaitAll();
            assertThat(batches(engine)).containsExactly(List.of("blocker"), List.of("a"), List.of("b"));
        }
    }
}
