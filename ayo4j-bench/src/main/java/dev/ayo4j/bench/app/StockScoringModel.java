// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.bench.app;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15.BgeSmallEnV15EmbeddingModel;
import dev.langchain4j.model.output.Response;
import dev.langchain4j.model.scoring.ScoringModel;
import dev.langchain4j.store.embedding.CosineSimilarity;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;

/**
 * System (d-stock)'s reranker: the cosine similarity of question and passage vectors from a LangChain4j
 * embedding model, by default its stock in-process {@link BgeSmallEnV15EmbeddingModel} (the model ayo4j's
 * similarity reranker runs). LangChain4j ships no scoring model over a bi-encoder, so this is the adapter
 * a team writes: one {@code embedAll} of the question and the candidates per call, scored with
 * LangChain4j's own {@link CosineSimilarity}, no cache. Counts the texts it embeds. Thread-safe if the
 * model is.
 */
public final class StockScoringModel implements ScoringModel {
    private final EmbeddingModel model;
    private final LongAdder texts = new LongAdder();

    public StockScoringModel(EmbeddingModel model) {
        this.model = Objects.requireNonNull(model, "model");
    }

    /**
     * LangChain4j's stock bge-small-en-v1.5, as its no-argument constructor makes it: embedding on a pool
     * of one thread per core, each text a task of its own, on an ONNX Runtime session with the default
     * options (its own intra-op threads).
     */
    public static StockScoringModel open() {
        return new StockScoringModel(new BgeSmallEnV15EmbeddingModel());
    }

    /** LangChain4j's stock all-MiniLM-L6-v2, as its no-argument constructor makes it (see {@link #open()}). */
    public static EmbeddingModel stockEmbedder() {
        return new AllMiniLmL6V2EmbeddingModel();
    }

    @Override
    public Response<List<Double>> scoreAll(List<TextSegment> segments, String query) {
        List<TextSegment> all = new ArrayList<>(segments.size() + 1);
        all.add(TextSegment.from(query));
        all.addAll(segments);
        List<Embedding> vectors = model.embedAll(all).content();
        texts.add(all.size());
        Embedding q = vectors.getFirst();
        List<Double> scores = new ArrayList<>(segments.size());
        for (Embedding p : vectors.subList(1, vectors.size())) {
            scores.add(CosineSimilarity.between(q, p));
        }
        return Response.from(scores);
    }

    /** Texts embedded so far, questions included. */
    long texts() {
        return texts.sum();
    }
}
