// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.langchain4j.engine;

import dev.ayo4j.primitive.Primitive;
import dev.ayo4j.spi.Batch;
import dev.ayo4j.spi.Task;
import dev.ayo4j.spi.TaskResult;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Embedding engine on a LangChain4j embedding model: the texts of every task of a batch go in one
 * {@code embedAll} call, as much batching as the LangChain4j API offers. A task whose inputs are bad
 * fails alone before the call; when the call itself fails, each task is retried on its own, so that one
 * bad text fails only its own task.
 */
final class EmbeddingEngine extends ModelEngine {
    private final EmbeddingModel model;

    EmbeddingEngine(String name, Limits limits, EmbeddingModel model) {
        super(name, "embedding", limits, Set.of(Primitive.Embed.class));
        this.model = model;
    }

    @Override
    public List<TaskResult> execute(Batch batch) {
        TaskResult[] results = new TaskResult[batch.size()];
        List<Integer> ready = new ArrayList<>();
        List<TextSegment> segments = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            Task t = batch.tasks().get(i);
            try {
                if (!(t.op() instanceof Primitive.Embed)) {
                    throw new IllegalArgumentException("an embedding engine does not run " + t.op().kindName());
                }
                t.input(Primitive.Embed.TEXTS).forEach(text -> segments.add(TextSegment.from(text)));
                ready.add(i);
            } catch (RuntimeException e) {
                results[i] = failure(t, e);
            }
        }
        if (ready.size() == 1 || segments.isEmpty()) {
            ready.forEach(i -> results[i] = one(batch.tasks().get(i)));
            return Arrays.asList(results);
        }
        try {
            Response<List<Embedding>> r = model.embedAll(segments);
            if (r.content().size() != segments.size()) {
                throw new IllegalStateException("the model returned a vector count unlike the text count");
            }
            int at = 0;
            int tokens = r.tokenUsage() == null ? 0 : Failures.count(r.tokenUsage().inputTokenCount());
            for (int i : ready) {
                int n = batch.tasks().get(i).input(Primitive.Embed.TEXTS).size();
                // The provider reports one count for the call: each task gets its share by text count.
                results[i] = TaskResult.success(vectors(r.content().subList(at, at + n)),
                        tokens * n / segments.size(), 0);
                at += n;
            }
        } catch (RuntimeException e) {
            ready.forEach(i -> results[i] = one(batch.tasks().get(i)));
        }
        return Arrays.asList(results);
    }

    private TaskResult one(Task t) {
        try {
            List<String> texts = t.input(Primitive.Embed.TEXTS);
            if (texts.isEmpty()) {
                return TaskResult.success(List.of());
            }
            Response<List<Embedding>> r = model.embedAll(texts.stream().map(TextSegment::from).toList());
            if (r.content().size() != texts.size()) {
                throw new IllegalStateException(String.format("the model returned %d vectors for %d texts",
                        r.content().size(), texts.size()));
            }
            return TaskResult.success(vectors(r.content()),
                    r.tokenUsage() == null ? 0 : Failures.count(r.tokenUsage().inputTokenCount()), 0);
        } catch (RuntimeException e) {
            return failure(t, e);
        }
    }

    private static List<float[]> vectors(List<Embedding> embeddings) {
        return embeddings.stream().map(Embedding::vector).toList();
    }

}
