// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.bench.app;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;

/**
 * A LangChain4j embedding model that counts the texts it embeds and its busy time, for the work columns
 * of LangChain4j's runs. The counters only grow: a run reads them before and after. Thread-safe.
 */
final class CountingEmbeddingModel implements EmbeddingModel {
    private final EmbeddingModel real;
    private final LongAdder texts = new LongAdder();
    private final LongAdder nanos = new LongAdder();

    CountingEmbeddingModel(EmbeddingModel real) {
        this.real = Objects.requireNonNull(real, "real");
    }

    @Override
    public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
        long start = System.nanoTime();
        try {
            return real.embedAll(segments);
        } finally {
            nanos.add(System.nanoTime() - start);
            texts.add(segments.size());
        }
    }

    @Override
    public int dimension() {
        return real.dimension();
    }

    /** Texts embedded so far. */
    long texts() {
        return texts.sum();
    }

    /** Time spent embedding so far, in seconds. */
    double seconds() {
        return nanos.sum() / 1e9;
    }
}
