// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.engine.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.ayo4j.NonRetriableEngineException;
import dev.ayo4j.primitive.Primitive;
import dev.ayo4j.spi.Batch;
import dev.ayo4j.spi.EngineConfig;
import dev.ayo4j.spi.EngineDescription;
import dev.ayo4j.spi.Passage;
import dev.ayo4j.spi.Task;
import dev.ayo4j.spi.TaskId;
import dev.ayo4j.spi.TaskResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OnnxRerankEngineTest {
    private static final List<Passage> PASSAGES = List.of(
            Passage.of("stock", "Shares of the company rose three percent after its quarterly earnings report."),
            Passage.of("bread", "Knead the dough for ten minutes and let it rise for an hour before baking."),
            Passage.of("insulin", "Insulin is a hormone made by the pancreas that lowers blood sugar levels."),
            Passage.of("football", "The striker scored twice in the second half to win the match."));

    private static Task rerank(String node, String query, List<Passage> passages, int topK) {
        return Task.of(new TaskId("q", node), new Primitive.Rerank("reranker", Math.max(1, passages.size()), topK),
                Map.of(Primitive.Rerank.QUERY.name(), query, Primitive.Rerank.PASSAGES.name(), passages));
    }

    /** A rerank that the plan marks as reading stored passage vectors, as {@code HoistRule} does. */
    private static Task hoistedRerank(String node, String query, List<Passage> passages, int topK) {
        return Task.of(new TaskId("q", node),
                new Primitive.Rerank("reranker", Math.max(1, passages.size()), topK).withStoredVectors(),
                Map.of(Primitive.Rerank.QUERY.name(), query, Primitive.Rerank.PASSAGES.name(), passages));
    }

    @SuppressWarnings("unchecked")
    private static List<Passage> passages(TaskResult r) {
        return (List<Passage>) ((TaskResult.Success) r).value();
    }

    @Test
    void similarityRerankerPutsTheRelevantPassageFirst() {
        try (var engine = (OnnxRerankEngine) new OnnxEngineProvider().create(
                new EngineConfig("reranker", Map.of("role", "rerank")))) {
            assertThat(engine.modelName()).isEqualTo("bge-small-en-v1.5");
            assertThat(engine.description()).isEqualTo(new EngineDescription("onnxruntime", "bge-small-en-v1.5"));
            List<TaskResult> results = engine.execute(new Batch(1, List.of(
                    rerank("a", "Which organ produces the hormone that regulates glucose?", PASSAGES, 2),
                    rerank("b", "How long should I let bread dough rise?", PASSAGES, 4))));
            List<Passage> a = passages(results.get(0));
            assertThat(a).hasSize(2);
            assertThat(a.getFirst().id()).isEqualTo("insulin");
            assertThat(a.getFirst().score()).isGreaterThan(a.get(1).score());
            List<Passage> b = passages(results.get(1));
            assertThat(b).hasSize(4).isSortedAccordingTo(Passage.BEST_FIRST);
            assertThat(b.getFirst().id()).isEqualTo("bread");
            assertThat(b).allSatisfy(p -> assertThat(p.score()).isBetween(-1.0, 1.0));
        }
    }

    private static OnnxRerankEngine similarity() {
        return (OnnxRerankEngine) new OnnxEngineProvider().create(new EngineConfig("reranker", Map.of("role", "rerank")));
    }

    @SuppressWarnings("unchecked")
    private static List<float[]> ingestVectors(OnnxRerankEngine engine, List<Passage> passages) {
        Task embed = Task.of(new TaskId("ingest", "index.ingest.rerank-embed"),
                new Primitive.Embed("reranker", passages.size(), 32),
                Map.of(Primitive.Embed.TEXTS.name(), passages.stream().map(Passage::text).toList()));
        TaskResult r = engine.execute(new Batch(1, List.of(embed))).getFirst();
        assertThat(r).isInstanceOf(TaskResult.Success.class);
        return (List<float[]>) ((TaskResult.Success) r).value();
    }

    @Test
    void rerankingNoCandidatesGivesNoPassagesBesideABatchThatHasSome() {
        try (var engine = similarity()) {
            List<TaskResult> results = engine.execute(new Batch(1, List.of(
                    rerank("empty", "Which organ produces insulin?", List.of(), 3),
                    rerank("full", "Which organ produces insulin?", PASSAGES, 1))));
            assertThat(passages(results.get(0))).isEmpty();
            assertThat(passages(results.get(1))).extracting(Passage::id).containsExactly("insulin");
        }
    }

    @Test
    void storedPassageVectorsScoreAsTheQueryTimeEmbedding() {
        String question = "Which organ produces the hormone that regulates glucose?";
        List<Passage> today;
        List<float[]> vectors;
        try (var engine = similarity()) {
            assertThat(engine.capabilities().primitives()).contains(Primitive.Rerank.class, Primitive.Embed.class);
            today = passages(engine.execute(new Batch(1, List.of(rerank("a", question, PASSAGES, 4)))).getFirst());
        }
        try (var ingesting = similarity()) {
            vectors = ingestVectors(ingesting, PASSAGES);
        }
        assertThat(vectors).hasSize(PASSAGES.size()).allSatisfy(v -> assertThat(v).hasSize(384));
        List<Passage> stored = new java.util.ArrayList<>();
        for (int k = 0; k < PASSAGES.size(); k++) {
            stored.add(PASSAGES.get(k).withRerankVector(new Passage.RerankVector("reranker", vectors.get(k))));
        }
        try (var engine = similarity()) { // a fresh engine: nothing cached, only the query is embedded
            List<Passage> hoisted = passages(engine.execute(new Batch(1, List.of(hoistedRerank("a", question, stored, 4))))
                    .getFirst());
            assertThat(hoisted).extracting(Passage::id).containsExactlyElementsOf(today.stream().map(Passage::id).toList());
            for (int k = 0; k < today.size(); k++) {
                assertThat(hoisted.get(k).score()).isCloseTo(today.get(k).score(), within(1e-4));
            }
        }
    }

    @Test
    void readsAStoredVectorOnlyWhenThisEngineComputedItAndThePlanHoistedIt() {
        String question = "How long should I let bread dough rise?";
        List<float[]> vectors;
        try (var engine = similarity()) {
            vectors = ingestVectors(engine, PASSAGES);
        }
        // the insulin passage's vector attached to the bread passage: the score shows which was used
        Passage bread = PASSAGES.get(1);
        Passage mine = bread.withRerankVector(new Passage.RerankVector("reranker", vectors.get(2)));
        Passage other = bread.withRerankVector(new Passage.RerankVector("another-reranker", vectors.get(2)));
        try (var engine = similarity()) {
            double real = passages(engine.execute(new Batch(1, List.of(rerank("a", question, List.of(bread), 1))))
                    .getFirst()).getFirst().score();
            double insulin = passages(engine.execute(new Batch(1, List.of(rerank("b", question,
                    List.of(PASSAGES.get(2)), 1)))).getFirst()).getFirst().score();
            double withMine = passages(engine.execute(new Batch(1, List.of(hoistedRerank("c", question, List.of(mine),
                    1)))).getFirst()).getFirst().score();
            double withOther = passages(engine.execute(new Batch(1, List.of(hoistedRerank("d", question,
                    List.of(other), 1)))).getFirst()).getFirst().score();
            double unmarked = passages(engine.execute(new Batch(1, List.of(rerank("e", question, List.of(mine), 1))))
                    .getFirst()).getFirst().score();
            assertThat(withMine).isCloseTo(insulin, within(1e-4)).isNotCloseTo(real, within(1e-2));
            assertThat(withOther).isCloseTo(real, within(1e-6));
            // a rerank the plan did not hoist embeds its candidates, stored vector or not
            assertThat(unmarked).isCloseTo(real, within(1e-6));
        }
    }

    @Test
    void crossEncoderScoresPairsThroughLogits(@TempDir Path dir) throws Exception {
        BundledEncoder bert = BundledEncoder.ALL_MINILM_L6_V2;
        Path tokenizer = EncoderModelTest.copyResource(bert.tokenizerResource(), dir);
        float[] head = new float[384];
        Random random = new Random(7);
        for (int i = 0; i < head.length; i++) {
            head[i] = (float) random.nextGaussian();
        }
        String hidden;
        byte[] model;
        try (var in = getClass().getClassLoader().getResourceAsStream(bert.onnxResource());
             var encoder = EncoderModel.bundled(bert, EncoderOptions.DEFAULTS)) {
            model = in.readAllBytes();
            hidden = encoder.hiddenStateOutput();
        }
        Path standIn = Files.write(dir.resolve("stand-in-cross-encoder.onnx"), OnnxStandIn.withClsHead(model, hidden, head));
        model = null;

        try (var engine = (OnnxRerankEngine) new OnnxEngineProvider().create(new EngineConfig("reranker", Map.of(
                "role", "rerank", "modelPath", standIn.toString(), "tokenizerPath", tokenizer.toString(),
                "batchTokens", "64")))) {
            assertThat(engine.modelName()).isEqualTo("stand-in-cross-encoder.onnx");
            String query = "Which organ produces insulin?";
            List<TaskResult> results = engine.execute(new Batch(1, List.of(rerank("x", query, PASSAGES, 4))));
            List<Passage> ranked = passages(results.getFirst());
            assertThat(ranked).hasSize(4).isSortedAccordingTo(Passage.BEST_FIRST);

            // Independently: [CLS] row of the pair's hidden state, times the head, one pair per pass.
            try (var check = OnnxEncoder.fromFiles(standIn, tokenizer, EncoderOptions.DEFAULTS)) {
                for (Passage p : ranked) {
                    Tokens pair = check.encodePair(query, p.text());
                    assertThat(pair.typeIds()).contains(0L, 1L);
                    double expected = check.run(PaddedBatch.of(List.of(pair)), hidden, t -> {
                        var fb = t.getFloatBuffer();
                        double s = 0;
                        for (int d = 0; d < head.length; d++) {
                            s += fb.get(d) * head[d];
                        }
                        return s;
                    });
                    assertThat(p.score()).as(p.id()).isCloseTo(expected, within(1e-3));
                }
            }
        }
    }

    @Test
    void crossEncoderWithoutLogitsIsRejectedByName(@TempDir Path dir) throws Exception {
        BundledEncoder bert = BundledEncoder.ALL_MINILM_L6_V2;
        Path onnx = EncoderModelTest.copyResource(bert.onnxResource(), dir);
        Path tokenizer = EncoderModelTest.copyResource(bert.tokenizerResource(), dir);
        assertThatThrownBy(() -> CrossEncoderModel.fromFiles(onnx, tokenizer, EncoderOptions.DEFAULTS))
                .isInstanceOf(NonRetriableEngineException.class)
                .hasMessageContaining("all-minilm-l6-v2.onnx").hasMessageContaining("'logits'");
    }
}
