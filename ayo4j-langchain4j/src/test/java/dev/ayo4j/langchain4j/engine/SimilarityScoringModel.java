// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.langchain4j.engine;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;
import dev.langchain4j.model.scoring.ScoringModel;
import dev.langchain4j.store.embedding.CosineSimilarity;
import java.util.List;

/** A scoring model for tests that scores a passage by its embedding's cosine similarity to the query's. */
record SimilarityScoringModel(EmbeddingModel embeddings) implements ScoringModel {
    @Override
    public Response<List<Double>> scoreAll(List<TextSegment> segments, String query) {
        Embedding q = embeddings.embed(query).content();
        List<Embedding> vectors = embeddings.embedAll(segments).content();
        return Response.from(vectors.stream().map(v -> CosineSimilarity.between(q, v)).toList());
    }
}
