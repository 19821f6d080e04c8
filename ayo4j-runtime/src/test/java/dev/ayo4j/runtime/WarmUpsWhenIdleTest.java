// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ayo4j.primitive.OutputFormat;
import dev.ayo4j.primitive.Primitive;
import dev.ayo4j.primitive.PromptTemplate;
import dev.ayo4j.runtime.policies.BatchPolicies;
import dev.ayo4j.spi.Batch;
import dev.ayo4j.spi.Engine;
import dev.ayo4j.spi.EngineCapabilities;
import dev.ayo4j.spi.GenerationStream;
import dev.ayo4j.spi.Signal;
import dev.ayo4j.spi.Task;
import dev.ayo4j.spi.TaskId;
import dev.ayo4j.spi.TaskResult;
import dev.ayo4j.testkit.ManualTicker;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The engine scheduler counts generations that are still decoding after their prefill returned, so that
 * {@link BatchPolicies#warmUpsWhenIdle} holds a warm-up until the decode ends, while other work goes.
 */
class WarmUpsWhenIdleTest {
    private static final PromptTemplate TEMPLATE = PromptTemplate.of("Answer {{question}}");

    /** An LLM whose generations stay open until the test completes them. */
    private static final class OpenStreamEngine implements Engine {
        final List<String> started = new CopyOnWriteArrayList<>();
        final List<GenerationStream> streams = new CopyOnWriteArrayList<>();

        @Override
        public String name() {
            return "llm";
        }

        @Override
        public EngineCapabilities capabilities() {
            return new EngineCapabilities(Set.of(Primitive.Prefill.class, Primitive.PartialPrefill.class), 4, 1 << 16, 4);
        }

        @Override
        public List<TaskResult> execute(Batch batch) {
            List<TaskResult> out = new ArrayList<>();
            for (Task t : batch.tasks()) {
                started.add(t.id().node());
                if (t.op() instanceof Primitive.Prefill) {
                    GenerationStream stream = new GenerationStream();
                    stream.markPrefilled(4);
                    streams.add(stream);
                    out.add(TaskResult.success(stream, 4, 0));
                } else {
                    out.add(TaskResult.success(Signal.done("warm"), 4, 0));
                }
            }
            return out;
        }

        @Override
        public void close() {}
    }

    @Test
    void aWarmUpWaitsForTheDecodeToEndWhileOtherPrefillsGo() throws Exception {
        OpenStreamEngine engine = new OpenStreamEngine();
        var done = new ArrayList<CompletableFuture<EngineScheduler.Completion>>();
        try (EngineScheduler s = new EngineScheduler(engine,
                BatchPolicies.warmUpsWhenIdle(BatchPolicies.maxBatch(1)), new ManualTicker())) {
            done.add(submit(s, "expand", new Primitive.Prefill("llm", TEMPLATE, OutputFormat.text(), 8, 4, false)));
            done.getFirst().get(30, TimeUnit.SECONDS);
            CompletableFuture<EngineScheduler.Completion> warm = submit(s, "warm",
                    new Primitive.PartialPrefill("llm", TEMPLATE, 1, 4, false));
            CompletableFuture<EngineScheduler.Completion> other = submit(s, "other",
                    new Primitive.Prefill("llm", TEMPLATE, OutputFormat.text(), 8, 4, false));

            other.get(30, TimeUnit.SECONDS);
            assertThat(warm).isNotDone();
            assertThat(engine.started).containsExactly("expand", "other");

            engine.streams.get(0).complete();
            assertThat(warm).isNotDone();
            engine.streams.get(1).complete();
            warm.get(30, TimeUnit.SECONDS);
            assertThat(engine.started).containsExactly("expand", "other", "warm");
        }
    }

    private static CompletableFuture<EngineScheduler.Completion> submit(EngineScheduler s, String node, Primitive op) {
        CompletableFuture<EngineScheduler.Completion> f = new CompletableFuture<>();
        s.submit(Task.of(new TaskId("q", node), op, Map.of()), 1, 0, 4, 1, f::complete);
        return f;
    }
}
