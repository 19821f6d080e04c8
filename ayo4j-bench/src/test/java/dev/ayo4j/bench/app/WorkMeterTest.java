// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.bench.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ayo4j.bench.app.AppBenchReport.Work;
import dev.ayo4j.primitive.OutputFormat;
import dev.ayo4j.primitive.Primitive;
import dev.ayo4j.primitive.PromptTemplate;
import dev.ayo4j.spi.Batch;
import dev.ayo4j.spi.Engine;
import dev.ayo4j.spi.EngineCapabilities;
import dev.ayo4j.spi.Passage;
import dev.ayo4j.spi.PrefillCounter;
import dev.ayo4j.spi.PrefillCounts;
import dev.ayo4j.spi.Signal;
import dev.ayo4j.spi.Task;
import dev.ayo4j.spi.TaskId;
import dev.ayo4j.spi.TaskInputs;
import dev.ayo4j.spi.TaskResult;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The work columns: prompt tokens and the prefilled part, texts per encoder, stored vectors, hand-counted. */
class WorkMeterTest {
    private static final PromptTemplate TEMPLATE = PromptTemplate.of("Q: {{question}}");

    @Test
    void countsPrefilledTokensAfterThePrefixASlotHolds() {
        WorkMeter.Metered m = WorkMeter.meter(engines(1), 0.5);
        Engine llm = m.engines().llm();
        String prefix = "0123456789";
        // A warm-up of the prefix (10 tokens, all prefilled), then the full prompt (20 tokens, 10 cached).
        llm.execute(batch(new Primitive.PartialPrefill("llm", TEMPLATE, 1, 10, false), prefix));
        llm.execute(batch(prefill(), prefix + "abcdefghij"));
        // Another prompt shares nothing: with one slot it evicts the first, and all 8 tokens are prefilled.
        llm.execute(batch(prefill(), "zzzzzzzz"));

        Work w = m.meter().perQuery(2, 0);
        assertThat(w.promptTokens()).isEqualTo((10 + 20 + 8) / 2.0);
        assertThat(w.prefilledTokens()).isEqualTo((10 + 10 + 8) / 2.0);
        assertThat(w.prefilledFrom()).isEqualTo(WorkMeter.PREFILLED_FROM_MODEL);
    }

    @Test
    void readsTheCountsOfAnLlmThatKeepsItsOwnAndModelsNothing() {
        CountingLlm llm = new CountingLlm();
        llm.counts = new PrefillCounts(5, 500, 400, 0); // work before the run began
        Engines engines = engines(1);
        WorkMeter.Metered m = WorkMeter.meter(new Engines(llm, engines.embedder(), engines.reranker(),
                engines.vectors()), 0.5);
        // The engine says: 2 requests, 30 prompt tokens, 12 prefilled; the prompts' characters would say otherwise.
        m.engines().llm().execute(batch(prefill(), "0123456789"));
        m.engines().llm().execute(batch(prefill(), "0123456789abcdefghij"));
        llm.counts = llm.counts.plus(PrefillCounts.reported(10, 10)).plus(PrefillCounts.reported(20, 2));

        Work w = m.meter().perQuery(2, 0);
        assertThat(w.promptTokens()).isEqualTo(30 / 2.0);
        assertThat(w.prefilledTokens()).isEqualTo(12 / 2.0);
        assertThat(w.prefilledFrom()).isEqualTo(WorkMeter.PREFILLED_FROM_ENGINE);

        llm.counts = llm.counts.plus(PrefillCounts.unreported(8));
        assertThat(m.meter().perQuery(3, 0).prefilledFrom()).contains("1 of 3 requests unreported");
    }

    @Test
    void aRefusedWarmUpPrefillsNothing() {
        WorkMeter.Metered m = WorkMeter.meter(engines(2), 0.5);
        m.engines().llm().execute(batch(new Primitive.PartialPrefill("llm", TEMPLATE, 1, 10, false), "refuse"));
        assertThat(m.meter().perQuery(1, 0).promptTokens()).isZero();
    }

    @Test
    void countsEncodedTextsOncePerRerankerAndSkipsStoredVectors() {
        WorkMeter.Metered m = WorkMeter.meter(engines(1), 0.5);
        m.engines().embedder().execute(new Batch(1, List.of(Task.of(new TaskId("q", "embed"),
                new Primitive.Embed("embedder", 3, 8), Map.of(Primitive.Embed.TEXTS.name(), List.of("a", "b", "c"))))));
        Passage stored = Passage.of("p1", "stored text").withRerankVector(
                new Passage.RerankVector("reranker", new float[] {1, 0}));
        Passage plain = Passage.of("p2", "plain text");
        Passage foreign = Passage.of("p3", "other engine's").withRerankVector(
                new Passage.RerankVector("elsewhere", new float[] {1, 0}));
        Engine reranker = m.engines().reranker();
        // Two branches of one query retrieve the same candidates: the second encodes nothing new.
        reranker.execute(rerank("question", List.of(stored, plain, foreign), true));
        reranker.execute(rerank("question", List.of(stored, plain), true));

        Work w = m.meter().perQuery(1, 4);
        assertThat(w.embedderTexts()).isEqualTo(3 + 4);
        assertThat(w.rerankerTexts()).isEqualTo(3); // the question, "plain text", "other engine's"
        assertThat(w.storedVectors()).isEqualTo(2);
        assertThat(w.savedTexts()).isEqualTo(1); // the text cache would have held it the second time
    }

    @Test
    void aRerankItsPlanDoesNotMarkEncodesStoredPassagesAsTheEngineDoes() {
        WorkMeter.Metered m = WorkMeter.meter(engines(1), 0.5);
        Passage stored = Passage.of("p1", "stored text").withRerankVector(
                new Passage.RerankVector("reranker", new float[] {1, 0}));
        m.engines().reranker().execute(rerank("question", List.of(stored, Passage.of("p2", "plain text")), false));

        Work w = m.meter().perQuery(1, 0);
        assertThat(w.rerankerTexts()).isEqualTo(3); // the question and both passages
        assertThat(w.storedVectors()).isZero();
        assertThat(w.savedTexts()).isZero();
    }

    private static Primitive.Prefill prefill() {
        return new Primitive.Prefill("llm", TEMPLATE, new OutputFormat.FreeText(), 8, 10, false);
    }

    private static Batch batch(Primitive op, String prompt) {
        return new Batch(1, List.of(Task.of(new TaskId("q", "n"), op, Map.of(TaskInputs.PROMPT, prompt))));
    }

    private static Batch rerank(String question, List<Passage> passages, boolean storedVectors) {
        Primitive.Rerank op = new Primitive.Rerank("reranker", passages.size(), 2);
        return new Batch(1, List.of(Task.of(new TaskId("q", "rerank"), storedVectors ? op.withStoredVectors() : op,
                Map.of(Primitive.Rerank.QUERY.name(), question, Primitive.Rerank.PASSAGES.name(),
                passages))));
    }

    private static Engines engines(int slots) {
        return new Engines(new TestingCountedEngine("llm", Set.of(Primitive.Prefill.class,
                Primitive.PartialPrefill.class), slots), new TestingCountedEngine("embedder",
                Set.of(Primitive.Embed.class), 1), new TestingCountedEngine("reranker",
                Set.of(Primitive.Rerank.class, Primitive.Embed.class), 1), new TestingCountedEngine("vectors",
                Set.of(Primitive.VectorSearch.class), 1));
    }

    /** An LLM that keeps prompt counts, which the test sets. */
    private static final class CountingLlm implements Engine, PrefillCounter {
        volatile PrefillCounts counts = PrefillCounts.NONE;

        @Override
        public PrefillCounts prefillCounts() {
            return counts;
        }

        @Override
        public String name() {
            return "llm";
        }

        @Override
        public EngineCapabilities capabilities() {
            return new EngineCapabilities(Set.of(Primitive.Prefill.class), 1, 1 << 20, 1);
        }

        @Override
        public List<TaskResult> execute(Batch batch) {
            return batch.tasks().stream().map(t -> TaskResult.success(Signal.done("ok"), 99, 0)).toList();
        }

        @Override
        public void close() {}
    }

    /**
     * An engine that reports one token per prompt character and refuses a warm-up of {@code "refuse"};
     * encoders return empty results.
     */
    private record TestingCountedEngine(String name, Set<Class<? extends Primitive>> serves, int slots)
            implements Engine {
        @Override
        public EngineCapabilities capabilities() {
            return new EngineCapabilities(serves, 64, 1 << 20, slots);
        }

        @Override
        public List<TaskResult> execute(Batch batch) {
            return batch.tasks().stream().map(t -> switch (t.op()) {
                case Primitive.PartialPrefill _ when TaskInputs.prompt(t).equals("refuse") ->
                        TaskResult.success(Signal.failed("refused"));
                case Primitive.Prefill _, Primitive.PartialPrefill _ ->
                        TaskResult.success(Signal.done("ok"), TaskInputs.prompt(t).length(), 0);
                default -> TaskResult.success(List.of());
            }).toList();
        }

        @Override
        public void close() {}
    }
}
