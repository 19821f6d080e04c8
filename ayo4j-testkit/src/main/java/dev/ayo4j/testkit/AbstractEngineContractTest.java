// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ayo4j.app.Apps;
import dev.ayo4j.primitive.OutputFormat;
import dev.ayo4j.primitive.Primitive;
import dev.ayo4j.primitive.PromptTemplate;
import dev.ayo4j.spi.Batch;
import dev.ayo4j.spi.Engine;
import dev.ayo4j.spi.Generation;
import dev.ayo4j.spi.Passage;
import dev.ayo4j.spi.Signal;
import dev.ayo4j.spi.Task;
import dev.ayo4j.spi.TaskId;
import dev.ayo4j.spi.TaskInputs;
import dev.ayo4j.spi.TaskResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Conformance kit every {@link Engine} must pass: one result per task in input order, a failing task
 * that does not fail its batch-mates, outputs of the documented types, idempotent close.
 *
 * <p>Extend it with {@link #createEngine()}; switch off checks for primitives the engine does not
 * serve by overriding the {@code supports*()} gates, which default to {@code true}. Tasks carry inputs
 * as the runtime renders them (see {@link TaskInputs}).
 */
public abstract class AbstractEngineContractTest {
    /** Longest a test waits for a generation to end: a guard against a hung engine, not a timing check. */
    protected static final long GENERATION_TIMEOUT_SECONDS = 120;

    /** The placeholder of the prompt templates these tests send: the built-in apps' question. */
    private static final String QUESTION = Apps.QUESTION.name();

    private Engine engine;
    private long nextBatch;

    /** A fresh engine for one test; closed after it. */
    protected abstract Engine createEngine();

    protected boolean supportsEmbed() {
        return true;
    }

    protected boolean supportsIngest() {
        return true;
    }

    protected boolean supportsVectorSearch() {
        return true;
    }

    protected boolean supportsRerank() {
        return true;
    }

    protected boolean supportsPrefill() {
        return true;
    }

    protected boolean supportsPartialPrefill() {
        return true;
    }

    /** Dimension of the vectors the store accepts, for ingest and search without an embedder. */
    protected int vectorDimension() {
        return TestingOutputs.DIMENSION;
    }

    /** The engine under test. */
    protected final Engine engine() {
        return engine;
    }

    @BeforeEach
    final void openEngine() {
        engine = createEngine();
    }

    @AfterEach
    final void closeEngine() {
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void hasNameAndCapabilities() {
        assertThat(engine.name()).isNotBlank();
        assertThat(engine.capabilities().primitives()).isNotEmpty();
        assertThat(engine.capabilities().maxBatchSize()).isPositive();
        assertThat(engine.capabilities().maxConcurrency()).isPositive();
    }

    @Test
    void capabilitiesListTheSupportedPrimitives() {
        var caps = engine.capabilities();
        if (supportsEmbed()) {
            assertThat(caps.primitives()).contains(Primitive.Embed.class);
        }
        if (supportsIngest()) {
            assertThat(caps.primitives()).contains(Primitive.Ingest.class);
        }
        if (supportsVectorSearch()) {
            assertThat(caps.primitives()).contains(Primitive.VectorSearch.class);
        }
        if (supportsRerank()) {
            assertThat(caps.primitives()).contains(Primitive.Rerank.class);
        }
        if (supportsPrefill()) {
            assertThat(caps.primitives()).contains(Primitive.Prefill.class);
        }
        if (supportsPartialPrefill()) {
            assertThat(caps.primitives()).contains(Primitive.PartialPrefill.class);
        }
    }

    @Test
    void embedReturnsOneResultPerTaskInInputOrder() {
        assumeTrue(supportsEmbed());
        List<Task> tasks = List.of(embedTask("a", List.of("one")), embedTask("b", List.of("two", "three")),
                embedTask("c", List.of("four", "five", "six")));
        List<TaskResult> results = engine.execute(batch(tasks));
        assertThat(results).hasSize(3);
        for (int i = 0; i < 3; i++) {
            assertThat(results.get(i)).isInstanceOf(TaskResult.Success.class);
            List<?> vectors = (List<?>) ((TaskResult.Success) results.get(i)).value();
            assertThat(vectors).hasSize(i + 1).allSatisfy(v -> assertThat((float[]) v).isNotEmpty());
        }
    }

    @Test
    void failingTaskDoesNotFailItsBatchMates() {
        assumeTrue(supportsEmbed());
        Task broken = Task.of(new TaskId("contract", "broken"), new Primitive.Embed(engine.name(), 1, 4), Map.of());
        List<TaskResult> results = engine.execute(batch(List.of(embedTask("a", List.of("one")), broken,
                embedTask("c", List.of("three")))));
        assertThat(results).hasSize(3);
        assertThat(results.get(0)).isInstanceOf(TaskResult.Success.class);
        assertThat(results.get(1)).isInstanceOf(TaskResult.Failure.class);
        assertThat(results.get(2)).isInstanceOf(TaskResult.Success.class);
    }

    @Test
    void searchFindsAnIngestedPassage() {
        assumeTrue(supportsIngest() && supportsVectorSearch());
        String collection = "contract-" + getClass().getSimpleName().toLowerCase();
        List<Passage> passages = new ArrayList<>();
        List<float[]> vectors = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            passages.add(Passage.of("p" + i, "passage number " + i));
            float[] v = new float[vectorDimension()];
            v[i] = 1;
            vectors.add(v);
        }
        Task ingest = Task.of(new TaskId("contract", "ingest"), new Primitive.Ingest(engine.name(), collection, 3),
                Map.of(Primitive.Ingest.PASSAGES.name(), passages, Primitive.Ingest.VECTORS.name(), vectors));
        assertThat(engine.execute(batch(List.of(ingest))).getFirst())
                .isInstanceOfSatisfying(TaskResult.Success.class, s -> assertThat(s.value()).isInstanceOf(Signal.class));
        Task search = Task.of(new TaskId("contract", "search"),
                new Primitive.VectorSearch(engine.name(), collection, 1, 2),
                Map.of(Primitive.VectorSearch.VECTORS.name(), List.of(vectors.get(1)),
                        Primitive.VectorSearch.INDEX.name(), Signal.done("ready")));
        TaskResult found = engine.execute(batch(List.of(search))).getFirst();
        assertThat(found).isInstanceOfSatisfying(TaskResult.Success.class, s -> {
            @SuppressWarnings("unchecked")
            List<Passage> list = (List<Passage>) s.value();
            assertThat(list).isNotEmpty();
            assertThat(list.getFirst().id()).isEqualTo("p1");
            assertThat(list).isSortedAccordingTo(Passage.BEST_FIRST);
        });
    }

    @Test
    void rerankKeepsAtMostTopKBestFirst() {
        assumeTrue(supportsRerank());
        List<Passage> passages = List.of(Passage.of("a", "cats purr"), Passage.of("b", "dogs bark"),
                Passage.of("c", "cats sleep a lot"), Passage.of("d", "the stock market"));
        Task t = Task.of(new TaskId("contract", "rerank"), new Primitive.Rerank(engine.name(), 4, 2),
                Map.of(Primitive.Rerank.QUERY.name(), "what do cats do?", Primitive.Rerank.PASSAGES.name(), passages));
        TaskResult r = engine.execute(batch(List.of(t))).getFirst();
        assertThat(r).isInstanceOfSatisfying(TaskResult.Success.class, s -> {
            @SuppressWarnings("unchecked")
            List<Passage> list = (List<Passage>) s.value();
            assertThat(list).hasSizeLessThanOrEqualTo(2).isSortedAccordingTo(Passage.BEST_FIRST);
            assertThat(list).extracting(Passage::id).isSubsetOf("a", "b", "c", "d");
        });
    }

    @Test
    void prefillPublishesTheGenerationItReturns() throws Exception {
        assumeTrue(supportsPrefill());
        PromptTemplate template = PromptTemplate.of("Answer in one short sentence. Question: {{question}}\nAnswer:");
        String question = "What colour is the sky?";
        AtomicReference<Object> published = new AtomicReference<>();
        Task t = new Task(new TaskId("contract", "prefill"),
                new Primitive.Prefill(engine.name(), template, OutputFormat.text(), 16, 20, false),
                Map.of(QUESTION, question, TaskInputs.PROMPT, template.render(Map.of(QUESTION, question))),
                published::set);
        TaskResult r = engine.execute(batch(List.of(t))).getFirst();
        assertThat(r).isInstanceOf(TaskResult.Success.class);
        Object value = ((TaskResult.Success) r).value();
        assertThat(value).isInstanceOf(Generation.class).isSameAs(published.get());
        Generation g = (Generation) value;
        assertThat(g.prefilled()).isDone();
        assertThat(g.text().get(GENERATION_TIMEOUT_SECONDS, TimeUnit.SECONDS)).isNotNull();
    }

    @Test
    void partialPrefillReturnsASignal() {
        assumeTrue(supportsPartialPrefill());
        PromptTemplate template = PromptTemplate.of("You answer questions. Question: {{question}}\nContext: {{context}}");
        String question = "Why?";
        Task t = Task.of(new TaskId("contract", "warm"), new Primitive.PartialPrefill(engine.name(), template, 2, 8, false),
                Map.of(QUESTION, question, TaskInputs.PROMPT, template.renderPrefix(2, Map.of(QUESTION, question))));
        TaskResult r = engine.execute(batch(List.of(t))).getFirst();
        assertThat(r).isInstanceOfSatisfying(TaskResult.Success.class,
                s -> assertThat(s.value()).isInstanceOf(Signal.class));
    }

    @Test
    void closeIsIdempotent() {
        engine.close();
        assertThatCode(engine::close).doesNotThrowAnyException();
    }

    /** An embed task of {@code texts} for this engine. */
    protected final Task embedTask(String node, List<String> texts) {
        return Task.of(new TaskId("contract", node), new Primitive.Embed(engine.name(), texts.size(), 4),
                Map.of(Primitive.Embed.TEXTS.name(), texts));
    }

    /** A batch with a fresh id. */
    protected final Batch batch(List<Task> tasks) {
        return new Batch(++nextBatch, tasks);
    }
}
