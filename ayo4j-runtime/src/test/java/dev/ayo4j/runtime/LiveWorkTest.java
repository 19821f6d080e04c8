// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ayo4j.graph.PrimitiveGraph;
import dev.ayo4j.plan.cost.CostModel;
import dev.ayo4j.primitive.Port;
import dev.ayo4j.primitive.Primitive;
import dev.ayo4j.primitive.ValueKind;
import dev.ayo4j.spi.Generation;
import dev.ayo4j.spi.Task;
import dev.ayo4j.spi.TaskId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** Stopping what a query set going when it ends. */
class LiveWorkTest {
    /** A graph without engines: nothing is queued anywhere. */
    private static final Port<String> TEXT = Port.text("text");
    private static final Primitive.Step SHOUT = new Primitive.Step("shout", List.of(TEXT), ValueKind.TEXT);
    private final LiveWork live = new LiveWork("q1", GraphPlan.of(passThrough(), CostModel.defaults()), Map.of(),
            Map.of("shout", task -> task.input(TEXT).toUpperCase(java.util.Locale.ROOT)));

    private static PrimitiveGraph passThrough() {
        var b = PrimitiveGraph.builder("pass-through");
        var q = b.add("question", new Primitive.Input("question", ValueKind.TEXT));
        var o = b.add("output.answer", new Primitive.Output("answer", ValueKind.TEXT));
        b.connect(q, Primitive.Input.VALUE, o, Primitive.Output.VALUE);
        return b.build();
    }

    /** A generation that only counts its cancellations. */
    private static final class CountingGeneration implements Generation {
        int cancelled;

        @Override
        public CompletableFuture<Void> prefilled() {
            return new CompletableFuture<>();
        }

        @Override
        public CompletableFuture<String> text() {
            return new CompletableFuture<>();
        }

        @Override
        public void subscribe(Listener listener) {}

        @Override
        public void cancel() {
            cancelled++;
        }

        @Override
        public int promptTokens() {
            return 0;
        }

        @Override
        public int generatedTokens() {
            return 0;
        }
    }

    @Test
    void successLeavesGenerationsRunning() {
        CountingGeneration g = new CountingGeneration();
        live.generation(g);

        live.succeeded();

        assertThat(g.cancelled).isZero();
    }

    @Test
    void failureCancelsEachGenerationOnceAndOneArrivingLaterAtOnce() {
        CountingGeneration early = new CountingGeneration();
        CountingGeneration late = new CountingGeneration();
        live.generation(early);
        live.generation(early);

        live.failed();
        live.generation(late);
        live.generation(late);

        assertThat(early.cancelled).isEqualTo(1);
        assertThat(late.cancelled).isEqualTo(1);
    }

    @Test
    void stepRunsItsFunctionOnAThreadOfItsOwnAndHandsOverTheCheckedValue() throws InterruptedException {
        CompletableFuture<Object> outcome = new CompletableFuture<>();
        Thread[] ran = new Thread[1];

        live.step(SHOUT, Task.of(new TaskId("q1", "shout"), SHOUT, Map.of("text", "hi")), (thread, value, failure) -> {
            ran[0] = thread;
            outcome.complete(failure != null ? failure : value);
        });

        assertThat(outcome.join()).isEqualTo("HI");
        assertThat(ran[0].isVirtual()).isTrue();
        assertThat(ran[0]).isNotSameAs(Thread.currentThread());
    }

    @Test
    void stepWithoutAFunctionFailsBeforeAnyThreadStarts() {
        Primitive.Step unknown = new Primitive.Step("unknown", List.of(TEXT), ValueKind.TEXT);

        assertThatThrownBy(() -> live.step(unknown, Task.of(new TaskId("q1", "unknown"), unknown, Map.of()),
                (_, _, _) -> { throw new AssertionError("no outcome expected"); }))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("'unknown'");
    }

    @Test
    void failureInterruptsStepsStillRunning() throws InterruptedException {
        CountDownLatch interrupted = new CountDownLatch(1);
        Thread running = Thread.ofVirtual().unstarted(() -> {
            try {
                Thread.sleep(Fixtures.GUARD);
            } catch (InterruptedException e) {
                interrupted.countDown();
            }
        });
        Thread done = Thread.ofVirtual().unstarted(() -> {});
        live.start(running);
        live.start(done);
        done.join();
        live.stepDone(done);

        live.failed();

        assertThat(interrupted.await(Fixtures.GUARD.toSeconds(), java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    }
}
