// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.bench.devices;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ayo4j.app.App;
import dev.ayo4j.app.AppOptions;
import dev.ayo4j.app.Apps;
import dev.ayo4j.app.ContextOrder;
import dev.ayo4j.app.EngineBinding;
import dev.ayo4j.app.Role;
import dev.ayo4j.bench.app.AppBenchmark;
import dev.ayo4j.bench.app.AyoSystem;
import dev.ayo4j.bench.app.BenchQuery;
import dev.ayo4j.bench.app.Engines;
import dev.ayo4j.bench.app.QueryOutcome;
import dev.ayo4j.bench.app.SequentialChain;
import dev.ayo4j.plan.Passes;
import dev.ayo4j.primitive.OutputFormat;
import dev.ayo4j.primitive.Primitive;
import dev.ayo4j.primitive.PromptTemplate;
import dev.ayo4j.spi.Batch;
import dev.ayo4j.spi.EngineCapabilities;
import dev.ayo4j.spi.Generation;
import dev.ayo4j.spi.Passage;
import dev.ayo4j.spi.Task;
import dev.ayo4j.spi.TaskId;
import dev.ayo4j.spi.TaskInputs;
import dev.ayo4j.spi.TaskResult;
import dev.ayo4j.testkit.TestingEngine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Modeled devices charge the calibrated costs for what each call does, and serve the runtime correctly. */
class ModeledDevicesTest {
    private static final EngineBinding NAMES = EngineBinding.DEFAULT;
    private static final DeviceCosts COSTS = new DeviceCosts(new LinearCost(1_000, 10), 100, 7_000,
            new LinearCost(500, 1), new LinearCost(0, 50), new LinearCost(200, 0), new LinearCost(300, 2),
            new LinearCost(100, 2));
    private static final PromptTemplate TEMPLATE = PromptTemplate.of("Answer from the context.\n{{question}}\n{{context}}");

    /** Lets no time pass; records what would have passed. */
    private static final class RecordingSleeper implements Sleeper {
        private final List<Long> sleeps = new ArrayList<>();

        @Override
        public synchronized void sleep(long nanos) {
            sleeps.add(nanos);
        }

        synchronized List<Long> taken() {
            List<Long> out = List.copyOf(sleeps);
            sleeps.clear();
            return out;
        }
    }

    private static Engines real() {
        return new Engines(
                TestingEngine.builder(NAMES.engine(Role.LLM)).primitives(Set.of(Primitive.Prefill.class,
                        Primitive.PartialPrefill.class)).maxBatchSize(1).maxConcurrency(2).build(),
                TestingEngine.builder(NAMES.engine(Role.EMBEDDER)).primitives(Set.of(Primitive.Embed.class)).build(),
                TestingEngine.builder(NAMES.engine(Role.RERANKER)).primitives(Set.of(Primitive.Rerank.class, Primitive.Embed.class)).build(),
                TestingEngine.builder(NAMES.engine(Role.VECTORS)).primitives(Set.of(Primitive.Ingest.class,
                        Primitive.VectorSearch.class)).build());
    }

    private static TaskResult run(Engines e, Primitive op, String prompt) {
        Task t = new Task(new TaskId("q", "n"), op, Map.of(TaskInputs.PROMPT, prompt), _ -> {});
        return e.llm().execute(new Batch(1, List.of(t))).getFirst();
    }

    @Test
    void aPromptWarmedUpToAPrefixPrefillsOnlyTheRest() {
        RecordingSleeper sleeper = new RecordingSleeper();
        Engines e = new ModeledDevices(real(), COSTS, 0.1, sleeper).open();
        String prefix = "Answer from the context.\nwhat is it?\n";
        String prompt = prefix + "[1] a passage of some length";

        run(e, new Primitive.PartialPrefill(NAMES.engine(Role.LLM), TEMPLATE, 2, 10, false), prefix);
        var ok = (TaskResult.Success) run(e, new Primitive.Prefill(NAMES.engine(Role.LLM), TEMPLATE, new OutputFormat.FreeText(),
                48, 20, true), prompt);
        ((Generation) ok.value()).text().join();

        List<Long> taken = sleeper.taken();
        assertThat(taken.get(0)).isEqualTo(COSTS.prefill().nanos(prefix.length()));
        assertThat(taken.get(1)).isEqualTo(COSTS.prefill().nanos(prompt.length() - prefix.length()));
        long decode = taken.subList(2, taken.size()).stream().mapToLong(Long::longValue).sum();
        assertThat((double) decode).isCloseTo(100 * 48, org.assertj.core.data.Offset.offset(taken.size() * 1.0));
    }

    @Test
    void aListGenerationTakesTheCalibratedListTime() {
        RecordingSleeper sleeper = new RecordingSleeper();
        Engines e = new ModeledDevices(real(), COSTS, 0.1, sleeper).open();

        var ok = (TaskResult.Success) run(e, new Primitive.Prefill(NAMES.engine(Role.LLM), PromptTemplate.of("Expand {{question}}"),
                new OutputFormat.JsonList(3), 64, 8, false), "Expand why?");
        String text = ((Generation) ok.value()).text().join();

        List<Long> taken = sleeper.taken();
        assertThat(text).startsWith("[");
        assertThat(taken.getFirst()).isEqualTo(COSTS.prefill().nanos("Expand why?".length()));
        assertThat(taken.subList(1, taken.size()).stream().mapToLong(Long::longValue).sum())
                .isBetween(7_000L - taken.size(), 7_000L + taken.size());
    }

    @Test
    void anEncoderCallTakesItsBatchsCost() {
        RecordingSleeper sleeper = new RecordingSleeper();
        Engines e = new ModeledDevices(real(), COSTS, 0.1, sleeper).open();
        List<Passage> passages = List.of(Passage.of("a", "alpha beta"), Passage.of("b", "gamma"));
        Task rerank = new Task(new TaskId("q", "rerank"), new Primitive.Rerank(NAMES.engine(Role.RERANKER), 2, 1),
                Map.of(Primitive.Rerank.QUERY.name(), "why", Primitive.Rerank.PASSAGES.name(), passages), _ -> {});

        List<TaskResult> results = e.reranker().execute(new Batch(1, List.of(rerank)));

        assertThat(results.getFirst()).isInstanceOf(TaskResult.Success.class);
        assertThat(sleeper.taken()).containsExactly(300L + 2 * ("why".length() + "alpha beta".length() + "gamma".length()));
    }

    /** A passage with a vector stored for {@code engine}'s reranks. */
    private static Passage storedFor(String engine, String id, String text) {
        return Passage.of(id, text).withRerankVector(new Passage.RerankVector(engine, new float[] {1, 0}));
    }

    private static void rerank(Engines e, Primitive.Rerank op, String question, List<Passage> passages) {
        e.reranker().execute(new Batch(1, List.of(new Task(new TaskId("q", "rerank"), op,
                Map.of(Primitive.Rerank.QUERY.name(), question, Primitive.Rerank.PASSAGES.name(), passages), _ -> {}))));
    }

    @Test
    void aHoistedRerankEmbedsOnlyThePassagesWithoutAStoredVector() {
        RecordingSleeper sleeper = new RecordingSleeper();
        Engines e = new ModeledDevices(real(), COSTS, 0.1, sleeper).open();
        String reranker = NAMES.engine(Role.RERANKER);
        List<Passage> passages = List.of(storedFor(reranker, "a", "alpha beta"), Passage.of("b", "gamma"),
                storedFor("elsewhere", "c", "delta"));
        Primitive.Rerank plain = new Primitive.Rerank(reranker, 3, 1);
        for (Primitive.Rerank op : List.of(plain.withStoredVectors(), plain)) {
            rerank(e, op, "why", passages);
        }

        // Marked: the question, "gamma" and the other engine's "delta". Unmarked, as the engine does, every passage,
        // but a similarity reranker caches vectors by text: of them only "alpha beta" is new.
        assertThat(sleeper.taken()).containsExactly(300L + 2 * ("why".length() + "gamma".length() + "delta".length()),
                300L + 2 * "alpha beta".length());

        rerank(new ModeledDevices(real(), COSTS, 0.1, sleeper).open(), plain, "why", passages);
        assertThat(sleeper.taken()).as("a run's own reranker starts with an empty cache").containsExactly(
                300L + 2 * ("why".length() + "alpha beta".length() + "gamma".length() + "delta".length()));
    }

    @Test
    void aRerankThatEmbedsNoPassageTakesTheQuestionOnlyCost() {
        RecordingSleeper sleeper = new RecordingSleeper();
        String reranker = NAMES.engine(Role.RERANKER);
        Engines e = new ModeledDevices(real(), COSTS, 0.1, sleeper).open();
        Primitive.Rerank hoisted = new Primitive.Rerank(reranker, 2, 1).withStoredVectors();
        List<Passage> stored = List.of(storedFor(reranker, "a", "alpha beta"), storedFor(reranker, "b", "gamma"));
        rerank(e, hoisted, "why", stored);
        rerank(e, hoisted, "why", stored);

        // The question-only line (100 + 2/char), not the passage line (300 + 2/char); the second time the
        // similarity reranker has the question's vector, so only the line's fixed part is left.
        assertThat(sleeper.taken()).containsExactly(100L + 2 * "why".length(), 100L);
    }

    @Test
    void optimizedAyo4jAndTheSequentialChainAgreeOnModeledDevices() {
        ModeledDevices devices = new ModeledDevices(real(), COSTS, 0.1, new RecordingSleeper());
        List<Passage> corpus = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            corpus.add(new Passage("doc-" + i, "passage number " + i + " about topic " + (i % 7), 0, "doc-" + i));
        }
        AppBenchmark.ingest(devices.forIngestion(), "corpus", corpus, Duration.ofMinutes(1));
        App app = Apps.advancedRagOverCollection(AppOptions.DEFAULT.withSearchK(5).withRerankK(3).withAnswerTokens(16)
                .withContextOrder(ContextOrder.ARRIVAL));
        AyoSystem ayo = new AyoSystem("ayo4j", app, Passes.STANDARD, Duration.ofMinutes(1));
        SequentialChain chain = new SequentialChain(app);
        BenchQuery query = new BenchQuery(0, "Which topics come up?", List.of());

        Engines run = devices.open();
        ayo.begin(run);
        QueryOutcome fast = ayo.answer(query, "corpus");
        ayo.end();
        devices.close(run);
        run = devices.open();
        chain.begin(run);
        QueryOutcome slow = chain.answer(query, "corpus");
        chain.end();
        devices.close(run);

        assertThat(fast.answer()).startsWith("answer ").isEqualTo(slow.answer());
        assertThat(fast.contextIds()).hasSize(3).isEqualTo(slow.contextIds());
        assertThat(fast.warmUps().ok() + fast.warmUps().fellBack() + fast.warmUps().skipped()).isPositive();
    }
}
