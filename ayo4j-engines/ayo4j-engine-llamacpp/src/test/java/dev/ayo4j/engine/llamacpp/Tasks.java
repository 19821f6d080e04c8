// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.engine.llamacpp;

import dev.ayo4j.primitive.OutputFormat;
import dev.ayo4j.primitive.Primitive;
import dev.ayo4j.primitive.PromptTemplate;
import dev.ayo4j.spi.Batch;
import dev.ayo4j.spi.Engine;
import dev.ayo4j.spi.Generation;
import dev.ayo4j.spi.Task;
import dev.ayo4j.spi.TaskId;
import dev.ayo4j.spi.TaskResult;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/** Builders of prefill tasks for engine tests. */
final class Tasks {
    static final PromptTemplate QA = PromptTemplate.of("Question: {{question}}\nContext: {{context}}\nAnswer:");
    private static final AtomicLong BATCHES = new AtomicLong();

    private Tasks() {}

    static Task prefill(String query, PromptTemplate template, OutputFormat format, Map<String, Object> inputs) {
        return Task.of(new TaskId(query, "prefill"),
                new Primitive.Prefill("llm", template, format, 64, 16, false), inputs);
    }

    static Task qa(String query, String question, String context) {
        return prefill(query, QA, OutputFormat.text(), Map.of("question", question, "context", context));
    }

    static Task warmUp(String query, String question) {
        return Task.of(new TaskId(query, "warmup"), new Primitive.PartialPrefill("llm", QA, 2, 8, false),
                Map.of("question", question));
    }

    static List<TaskResult> run(Engine engine, Task... tasks) {
        return engine.execute(new Batch(BATCHES.incrementAndGet(), List.of(tasks)));
    }

    static TaskResult one(Engine engine, Task task) {
        return run(engine, task).getFirst();
    }

    /** The generation of a successful prefill result. */
    static Generation generation(TaskResult result) {
        if (!(result instanceof TaskResult.Success(Object value, int in, int out))) {
            throw new AssertionError("expected success, got " + result);
        }
        return (Generation) value;
    }

    /** The chunks {@code g} streams from now on, collected as they arrive. */
    static List<String> chunksOf(Generation g) {
        List<String> chunks = new CopyOnWriteArrayList<>();
        g.subscribe(new Generation.Listener() {
            @Override public void onChunk(String chunk) { chunks.add(chunk); }
            @Override public void onEnd() {}
            @Override public void onError(Throwable cause) {}
        });
        return chunks;
    }

    static String text(TaskResult result) {
        return generation(result).text().join();
    }
}
