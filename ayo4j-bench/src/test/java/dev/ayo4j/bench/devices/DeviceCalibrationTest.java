// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.bench.devices;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ayo4j.primitive.Primitive;
import dev.ayo4j.testkit.TestingEngine;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The calibration's sample of a hoisted rerank: the question alone, embedded on the reranker's model. */
class DeviceCalibrationTest {
    private static final String QUESTION = "Does vitamin D lower the risk of fractures?";

    @Test
    void aSimilarityRerankerIsTimedEmbeddingATextOfTheQuestionsLength() {
        TestingEngine reranker = TestingEngine.builder("reranker")
                .primitives(Set.of(Primitive.Embed.class, Primitive.Rerank.class)).build();
        CostSamples samples = new CostSamples();

        DeviceCalibration.sampleQuestionOnlyRerank(reranker, QUESTION, samples);

        assertThat(reranker.batchesOf(Primitive.Embed.class)).singleElement().satisfies(b -> {
            String text = b.tasks().getFirst().input(Primitive.Embed.TEXTS).getFirst();
            assertThat(text).as("not the question, which the reranker's cache holds").isNotEqualTo(QUESTION)
                    .startsWith(QUESTION).hasSize(QUESTION.length() + 2);
        });
        assertThat(samples.calls()).isEqualTo(1);
        DeviceCosts fitted = samples.fit();
        assertThat(fitted.questionOnlyRerank()).as("a question-only rerank sample").isNotEqualTo(LinearCost.FREE);
        assertThat(fitted.rerank()).as("not a sample of the passage-embedding line").isEqualTo(LinearCost.FREE);
        assertThat(fitted.embed()).as("nor an embedder's").isEqualTo(LinearCost.FREE);
    }

    @Test
    void aRerankerThatDoesNotEmbedIsNotProbed() {
        TestingEngine crossEncoder = TestingEngine.builder("reranker").primitives(Set.of(Primitive.Rerank.class))
                .build();
        CostSamples samples = new CostSamples();

        DeviceCalibration.sampleQuestionOnlyRerank(crossEncoder, QUESTION, samples);

        assertThat(crossEncoder.batches()).isEmpty();
        assertThat(samples.calls()).isZero();
    }

    @Test
    void warmUpQueriesAreNotSampled() {
        TestingEngine reranker = TestingEngine.builder("reranker")
                .primitives(Set.of(Primitive.Embed.class, Primitive.Rerank.class)).build();
        CostSamples samples = new CostSamples();
        samples.sampling(false);

        DeviceCalibration.sampleQuestionOnlyRerank(reranker, QUESTION, samples);

        assertThat(samples.calls()).isZero();
    }
}
