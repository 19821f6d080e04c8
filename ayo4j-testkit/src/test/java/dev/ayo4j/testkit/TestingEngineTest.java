// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ayo4j.primitive.OutputFormat;
import dev.ayo4j.primitive.Primitive;
import dev.ayo4j.primitive.PromptTemplate;
import dev.ayo4j.spi.Batch;
import dev.ayo4j.spi.Generation;
import dev.ayo4j.spi.Passage;
import dev.ayo4j.spi.Signal;
import dev.ayo4j.spi.Task;
import dev.ayo4j.spi.TaskId;
import dev.ayo4j.spi.TaskInputs;
import dev.ayo4j.spi.TaskResult;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class TestingEngineTest {
    private static final PromptTemplate EXPAND = PromptTemplate.of("Rewrite {{question}} as queries:");

    private static Task prefill(String node, int items, AtomicReference<Object> published) {
        String prompt = EXPAND.render(Map.of("question", "why"));
        return new Task(new TaskId("q", node), new Primitive.Prefill("llm", EXPAND, OutputFormat.jsonList(items), 64,
                10, false), Map.of("question", "why", TaskInputs.PROMPT, prompt), published::set);
    }

    @Test
    void streamsAJsonListOfTheRequestedItems() {
        TestingEngine engine = TestingEngine.builder("llm").build();
        TaskResult r = engine.execute(new Batch(1, List.of(prefill("p", 3, new AtomicReference<>())))).getFirst();
        Generation g = (Generation) ((TaskResult.Success) r).value();
        String prompt = EXPAND.render(Map.of("question", "why"));
        assertThat(g.text().join()).isEqualTo(TestingOutputs.jsonList(prompt, 3)).startsWith("[\"q0 ");
        assertThat(g.generatedTokens()).isGreaterThan(1);
    }

    @Test
    void aSearchReturnsTheRerankerVectorsIngestedWithThePassages() {
        TestingEngine store = TestingEngine.builder("vectors").build();
        float[] rerankVector = {0, 1};
        store.execute(new Batch(1, List.of(new Task(new TaskId("i", "ingest"),
                new Primitive.Ingest("vectors", "c", 1, "reranker"), Map.of(
                        Primitive.Ingest.PASSAGES.name(), List.of(Passage.of("p", "text")),
                        Primitive.Ingest.VECTORS.name(), List.of(new float[] {1, 0}),
                        Primitive.Ingest.RERANK_VECTORS.name(), List.of(rerankVector)), _ -> {}))));
        TaskResult r = store.execute(new Batch(1, List.of(new Task(new TaskId("q", "search"),
                new Primitive.VectorSearch("vectors", "c", 1, 1), Map.of(Primitive.VectorSearch.VECTORS.name(),
                        List.of(new float[] {1, 0}), Primitive.VectorSearch.INDEX.name(), Signal.done("c")), _ -> {}))))
                .getFirst();
        @SuppressWarnings("unchecked")
        List<Passage> found = (List<Passage>) ((TaskResult.Success) r).value();
        assertThat(found).singleElement().satisfies(p -> {
            assertThat(p.rerankVector()).isNotNull();
            assertThat(p.rerankVector().engine()).isEqualTo("reranker");
            assertThat(p.rerankVector().values()).containsExactly(0, 1);
        });
    }

    @Test
    void emitsFewerItemsWhenConfigured() {
        TestingEngine engine = TestingEngine.builder("llm").listItems(1).build();
        TaskResult r = engine.execute(new Batch(1, List.of(prefill("p", 3, new AtomicReference<>())))).getFirst();
        Generation g = (Generation) ((TaskResult.Success) r).value();
        assertThat(g.text().join()).doesNotContain("q1 ").contains("q0 ");
    }

    @Test
    void failsOnlyTheConfiguredNode() {
        TestingEngine engine = TestingEngine.builder("llm").failNode("bad").build();
        List<TaskResult> results = engine.execute(new Batch(1, List.of(prefill("good", 2, new AtomicReference<>()),
                prefill("bad", 2, new AtomicReference<>()))));
        assertThat(results.get(0)).isInstanceOf(TaskResult.Success.class);
        assertThat(results.get(1)).isInstanceOfSatisfying(TaskResult.Failure.class,
                f -> assertThat(f.cause()).hasMessageContaining("q/bad").hasMessageContaining("Prefill"));
    }

    @Test
    void throwsForABatchWithAConfiguredKind() {
        TestingEngine engine = TestingEngine.builder("llm").throwOn(Primitive.Prefill.class).build();
        assertThatThrownBy(() -> engine.execute(new Batch(1, List.of(prefill("p", 2, new AtomicReference<>())))))
                .hasMessageContaining("Prefill");
        assertThat(engine.batches()).hasSize(1);
    }

    @Test
    void prefillHoldsAtTheGateAfterPublishing() throws Exception {
        TestingGate gate = new TestingGate();
        TestingEngine engine = TestingEngine.builder("llm").gate(Primitive.Prefill.class, gate).build();
        AtomicReference<Object> published = new AtomicReference<>();
        Thread caller = Thread.ofVirtual().start(
                () -> engine.execute(new Batch(1, List.of(prefill("p", 2, published)))));
        assertThat(gate.awaitArrivals(1, Duration.ofSeconds(30))).isTrue();
        Generation g = (Generation) published.get();
        assertThat(g).isNotNull();
        assertThat(g.text()).isNotDone();
        gate.release();
        caller.join();
        assertThat(g.text()).isDone();
    }

    @Test
    void manualTickerMovesOnlyForward() {
        ManualTicker ticker = new ManualTicker();
        ticker.advance(Duration.ofMillis(3));
        assertThat(ticker.read()).isEqualTo(3_000_000);
        ticker.set(5_000_000);
        assertThat(ticker.read()).isEqualTo(5_000_000);
        assertThatThrownBy(() -> ticker.set(1)).isInstanceOf(IllegalArgumentException.class);
    }
}
