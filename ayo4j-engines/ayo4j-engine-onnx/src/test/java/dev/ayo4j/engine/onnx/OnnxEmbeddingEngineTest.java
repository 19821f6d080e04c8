// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.engine.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ayo4j.NonRetriableEngineException;
import dev.ayo4j.primitive.Primitive;
import dev.ayo4j.spi.Batch;
import dev.ayo4j.spi.EngineConfig;
import dev.ayo4j.spi.EngineDescription;
import dev.ayo4j.spi.EngineProvider;
import dev.ayo4j.spi.Passage;
import dev.ayo4j.spi.Task;
import dev.ayo4j.spi.TaskId;
import dev.ayo4j.spi.TaskResult;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class OnnxEmbeddingEngineTest {
    private static OnnxEmbeddingEngine engine;

    @BeforeAll
    static void create() {
        EngineProvider provider = ServiceLoader.load(EngineProvider.class).stream()
                .map(ServiceLoader.Provider::get).filter(p -> p.name().equals("onnx")).findFirst().orElseThrow();
        engine = (OnnxEmbeddingEngine) provider.create(new EngineConfig("embedder", Map.of("threads", "1")));
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    private static Task embed(String node, List<String> texts) {
        return Task.of(new TaskId("q", node), new Primitive.Embed("embedder", Math.max(1, texts.size()), 16),
                Map.of(Primitive.Embed.TEXTS.name(), texts));
    }

    @Test
    void servesEmbedWithTheDefaultModel() {
        assertThat(engine.name()).isEqualTo("embedder");
        assertThat(engine.model().name()).isEqualTo("all-minilm-l6-v2");
        assertThat(engine.description()).isEqualTo(new EngineDescription("onnxruntime", "all-minilm-l6-v2"));
        assertThat(engine.capabilities().serves(new Primitive.Embed("embedder", 1, 1))).isTrue();
    }

    @Test
    void returnsResultsPerTaskInInputOrder() {
        List<List<String>> inputs = List.of(
                List.of(Texts.words(90), "short"),
                List.of("a", Texts.words(30), Texts.words(5)),
                List.of(),
                List.of("Vectors for the third task."));
        List<Task> tasks = java.util.stream.IntStream.range(0, inputs.size())
                .mapToObj(i -> embed("n" + i, inputs.get(i))).toList();
        List<TaskResult> results = engine.execute(new Batch(1, tasks));
        assertThat(results).hasSize(inputs.size());
        for (int i = 0; i < inputs.size(); i++) {
            var success = (TaskResult.Success) results.get(i);
            @SuppressWarnings("unchecked")
            List<float[]> vectors = (List<float[]>) success.value();
            List<float[]> alone = engine.model().embed(inputs.get(i));
            assertThat(vectors).hasSameSizeAs(inputs.get(i));
            for (int k = 0; k < vectors.size(); k++) {
                assertThat(Texts.maxAbsDiff(vectors.get(k), alone.get(k))).isLessThanOrEqualTo(1e-5);
            }
        }
        assertThat(((TaskResult.Success) results.get(3)).tokensIn()).isEqualTo(8);
    }

    @Test
    void failsOnlyTheTaskThatIsNotAnEmbed() {
        Task wrong = Task.of(new TaskId("q", "rr"), new Primitive.Rerank("embedder", 2, 1),
                Map.of(Primitive.Rerank.QUERY.name(), "x", Primitive.Rerank.PASSAGES.name(), List.of(Passage.of("a", "b"))));
        Task missing = Task.of(new TaskId("q", "e2"), new Primitive.Embed("embedder", 1, 1), Map.of());
        List<TaskResult> results = engine.execute(new Batch(2, List.of(embed("e1", List.of("ok")), wrong, missing)));
        assertThat(results.get(0)).isInstanceOf(TaskResult.Success.class);
        assertThat(((TaskResult.Failure) results.get(1)).cause())
                .isInstanceOf(NonRetriableEngineException.class).hasMessageContaining("serves Embed, not Rerank");
        assertThat(((TaskResult.Failure) results.get(2)).cause()).hasMessageContaining("'texts'");
    }

    @Test
    void rejectsOverWindowTextsPerTaskWhenConfigured() {
        var provider = new OnnxEngineProvider();
        try (var strict = provider.create(new EngineConfig("strict",
                Map.of("maxTokens", "12", "overflow", "reject")))) {
            List<TaskResult> results = strict.execute(new Batch(3, List.of(
                    embed("long", List.of("fine", Texts.words(40))), embed("short", List.of(Texts.words(10))))));
            assertThat(((TaskResult.Failure) results.get(0)).cause())
                    .hasMessageContaining("q/long").hasMessageContaining("text 1").hasMessageContaining("12-token");
            assertThat(results.get(1)).isInstanceOf(TaskResult.Success.class);
        }
    }

    @Test
    void providerNamesBadOptions() {
        var provider = new OnnxEngineProvider();
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> provider.create(new EngineConfig("e", Map.of("modle", "x"))))
                .isInstanceOf(NonRetriableEngineException.class).hasMessageContaining("modle");
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> provider.create(new EngineConfig("e", Map.of("model", "gpt-7"))))
                .isInstanceOf(NonRetriableEngineException.class).hasMessageContaining("gpt-7");
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> provider.create(new EngineConfig("e", Map.of("modelPath", "/nonexistent/m.onnx",
                        "tokenizerPath", "/nonexistent/t.json"))))
                .isInstanceOf(NonRetriableEngineException.class).hasMessageContaining("m.onnx");
    }
}
