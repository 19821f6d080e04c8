// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.engine.openai;

import dev.ayo4j.primitive.OutputFormat;
import dev.ayo4j.primitive.Primitive;
import dev.ayo4j.primitive.PromptTemplate;
import dev.ayo4j.spi.Batch;
import dev.ayo4j.spi.Generation;
import dev.ayo4j.spi.Task;
import dev.ayo4j.spi.TaskId;
import dev.ayo4j.spi.TaskInputs;
import dev.ayo4j.spi.TaskResult;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** Tasks and batches for the engine's tests, with prompts rendered as the runtime renders them. */
final class Tasks {
    /** Instructions long enough that a warm prefix makes a visible difference on the fake server's cache. */
    static final String INSTRUCTIONS = "You are a careful assistant. Answer from the context only, cite passages "
            + "by number, and say so when the context does not contain the answer. ";
    static final PromptTemplate RAG = PromptTemplate.of(INSTRUCTIONS + "Question: {{question}}\nContext: {{context}}"
            + "\nAnswer:");
    static final PromptTemplate EXPAND = PromptTemplate.of("Rewrite the question as {{n}} search queries, as a JSON "
            + "array of strings. Question: {{question}}");

    private static final AtomicLong BATCHES = new AtomicLong();

    private Tasks() {}

    /** A prefill of the whole {@code template} with {@code values}, producing {@code format}. */
    static Task prefill(String engine, PromptTemplate template, Map<String, String> values, OutputFormat format,
                        int maxTokens) {
        Map<String, Object> inputs = new HashMap<>(values);
        inputs.put(TaskInputs.PROMPT, template.render(values));
        return Task.of(new TaskId("q", "prefill"), new Primitive.Prefill(engine, template, format, maxTokens, 40, false),
                inputs);
    }

    /** A free-text prefill of {@link #RAG}. */
    static Task answer(String engine, String question, String context) {
        return prefill(engine, RAG, Map.of("question", question, "context", context), OutputFormat.text(), 32);
    }

    /** A partial prefill of {@link #RAG} up to and including the question. */
    static Task warmUp(String engine, String question) {
        Map<String, String> values = Map.of("question", question);
        return Task.of(new TaskId("q", "warm"), new Primitive.PartialPrefill(engine, RAG, 3, 30, false),
                Map.of("question", question, TaskInputs.PROMPT, RAG.renderPrefix(3, values)));
    }

    /** A batch of {@code tasks} with a fresh id. */
    static Batch batch(Task... tasks) {
        return new Batch(BATCHES.incrementAndGet(), List.of(tasks));
    }

    /** The generation of a successful prefill result. */
    static Generation generation(TaskResult result) {
        if (!(result instanceof TaskResult.Success(Object value, int _, int _)) || !(value instanceof Generation g)) {
            throw new AssertionError("expected a generation, got " + result);
        }
        return g;
    }
}
