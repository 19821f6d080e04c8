// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.langchain4j;

import dev.ayo4j.Checks;
import dev.ayo4j.primitive.Primitive;
import dev.ayo4j.spi.Engine;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;
import dev.langchain4j.model.output.TokenUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A LangChain4j {@link EmbeddingModel} backed by an ayo4j embedding engine (e.g. ONNX all-MiniLM).
 *
 * <p>Unlike LangChain4j's in-process models, which run one text per inference, {@code embedAll} sends
 * the texts as {@code Embed} tasks of up to {@link Builder#batchSize(int)} texts each, which the engine
 * batches (the ONNX engine sorts by length and caps padded tokens per batch). Thread-safe.
 */
public final class Ayo4jEmbeddingModel implements EmbeddingModel {
    private final EngineCalls calls;
    private final int batchSize;

    private Ayo4jEmbeddingModel(Builder b) {
        this.calls = new EngineCalls(b.engine, "lc4j-embed");
        this.batchSize = b.batchSize;
    }

    public static Builder builder(Engine engine) {
        return new Builder(engine);
    }

    @Override
    public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
        List<Embedding> out = new ArrayList<>(segments.size());
        int tokens = 0;
        for (int from = 0; from < segments.size(); from += batchSize) {
            List<String> texts = segments.subList(from, Math.min(segments.size(), from + batchSize)).stream()
                    .map(TextSegment::text).toList();
            int perItem = Math.max(1, texts.stream().mapToInt(EngineCalls::estimateTokens).sum() / texts.size());
            var s = calls.call(new Primitive.Embed(calls.engine().name(), texts.size(), perItem),
                    Map.of(Primitive.Embed.TEXTS.name(), texts), _ -> {});
            @SuppressWarnings("unchecked")
            List<float[]> vectors = (List<float[]>) s.value();
            if (vectors.size() != texts.size()) {
                throw new ModelCallException(String.format("engine %s returned %d vectors for %d texts",
                        calls.engine().name(), vectors.size(), texts.size()));
            }
            vectors.forEach(v -> out.add(Embedding.from(v)));
            tokens += s.tokensIn();
        }
        return Response.from(out, new TokenUsage(tokens));
    }

    @Override
    public String toString() {
        return "Ayo4jEmbeddingModel(" + calls.engine().name() + ")";
    }

    /** Builder of an {@link Ayo4jEmbeddingModel}. */
    public static final class Builder {
        /** Default texts per {@code Embed} task. */
        public static final int DEFAULT_BATCH_SIZE = 256;

        private final Engine engine;
        private int batchSize = DEFAULT_BATCH_SIZE;

        private Builder(Engine engine) {
            this.engine = Objects.requireNonNull(engine, "engine");
        }

        /** Most texts per {@code Embed} task. */
        public Builder batchSize(int n) {
            Checks.argument(n > 0, "batchSize must be > 0: %s", n);
            this.batchSize = n;
            return this;
        }

        public Ayo4jEmbeddingModel build() {
            return new Ayo4jEmbeddingModel(this);
        }
    }
}
