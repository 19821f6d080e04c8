// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.bench.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The stock system's reranker: cosine of the question's and each passage's vector, every text embedded. */
class StockScoringModelTest {
    /** Fixed vectors per text. */
    private record TestingEmbeddingModel(Map<String, float[]> vectors) implements EmbeddingModel {
        @Override
        public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
            return Response.from(segments.stream().map(s -> Embedding.from(vectors.get(s.text()))).toList());
        }
    }

    @Test
    void scoresEachPassageByItsCosineWithTheQuestionAndCountsEveryTextItEmbeds() {
        StockScoringModel scoring = new StockScoringModel(new TestingEmbeddingModel(Map.of(
                "q", new float[] {1, 0}, "same", new float[] {2, 0}, "orthogonal", new float[] {0, 3},
                "between", new float[] {1, 1})));
        List<Double> scores = scoring.scoreAll(List.of(TextSegment.from("orthogonal"), TextSegment.from("same"),
                TextSegment.from("between")), "q").content();

        assertThat(scores).hasSize(3);
        assertThat(scores.get(0)).isCloseTo(0, within(1e-6));
        assertThat(scores.get(1)).isCloseTo(1, within(1e-6));
        assertThat(scores.get(2)).isCloseTo(Math.sqrt(0.5), within(1e-6));
        assertThat(scoring.texts()).isEqualTo(4);
        scoring.scoreAll(List.of(TextSegment.from("same")), "q");
        assertThat(scoring.texts()).isEqualTo(6); // no cache: a second call embeds its texts again
    }
}
