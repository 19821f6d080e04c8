// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ayo4j.app.App;
import dev.ayo4j.app.AppOptions;
import dev.ayo4j.app.Apps;
import dev.ayo4j.app.ContextOrder;
import dev.ayo4j.app.QueryShape;
import dev.ayo4j.engine.llamacpp.gguf.SyntheticModels;
import dev.ayo4j.graph.PrimitiveGraph;
import dev.ayo4j.plan.Passes;
import dev.ayo4j.plan.Planner;
import dev.ayo4j.plan.PlannerContext;
import dev.ayo4j.runtime.Ayo4jRuntime;
import dev.ayo4j.runtime.QueryResult;
import dev.ayo4j.runtime.trace.TraceEvent;
import dev.ayo4j.spi.Passage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * advanced-rag end to end on the real embedded engines: the bundled encoders, Lucene on disk, and a
 * chain model whose greedy output is a fixed JSON list, so the answer and the sources can be checked
 * exactly, and the optimized graph must return exactly what the unoptimized one returns.
 */
class AdvancedRagEndToEndIT {
    private static final List<String> QUERIES = List.of("lucene vector index", "prompt cache prefill",
            "streamed list decoding");
    private static final String QUESTION = "How does ayo4j store vectors, warm the prompt cache and stream "
            + "the expanded queries?";
    private static final List<String> TOPICS = List.of("topics/lucene.md", "topics/prefill.md", "topics/pipeline.md");

    @TempDir
    static Path dir;

    private static LocalStack stack;
    private static Corpus corpus;

    @BeforeAll
    static void openStack() throws IOException {
        Path model = dir.resolve("chain.gguf");
        SyntheticModels.writeJsonListChain(model, QUERIES);
        Path docs = Files.createDirectories(dir.resolve("docs"));
        write(docs.resolve("topics/lucene.md"), "The vector store is Lucene. Passages and their vectors are kept "
                + "in an HNSW index on disk, and every ingest is committed durably.");
        write(docs.resolve("topics/prefill.md"), "Prefill splitting warms the prompt cache: the instructions and the "
                + "question are prefilled while retrieval still runs, so only the context is left.");
        write(docs.resolve("topics/pipeline.md"), "Decode pipelining streams the expanded queries: each item of the "
                + "generated list starts its own search branch as soon as it is complete.");
        for (int i = 0; i < 12; i++) {
            write(docs.resolve("other/recipe-" + i + ".md"), "Recipe " + i + ": bake the bread for " + (20 + i)
                    + " minutes, then let it cool on a rack before slicing it for the guests.");
        }
        corpus = new CorpusLoader(new Chunker(Chunker.DEFAULT_MAX_WORDS)).load(docs);
        stack = LocalStack.open(LocalStackOptions.of(model, dir.resolve("data")));
    }

    @AfterAll
    static void closeStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void optimizedRunGivesTheExactAnswerAndSourcesOfTheUnoptimizedRun() {
        App app = Apps.advancedRag(AppOptions.DEFAULT.withSearchK(4).withRerankK(3)).withCollection("e2e");
        PrimitiveGraph graph = app.lower(new QueryShape(corpus.passages().size(), 30, 20));
        PrimitiveGraph optimized = new Planner(Passes.STANDARD, PlannerContext.defaults()).optimize(graph).result();
        Map<String, Object> inputs = Map.of("question", QUESTION, "passages", corpus.passages());

        QueryResult plain = run(graph, inputs);
        stack.reopenLlm();
        QueryResult fast = run(optimized, inputs);

        String chainText = SyntheticModels.jsonList(QUERIES);
        assertThat(plain.output("answer", String.class)).isEqualTo(chainText);
        assertThat(fast.outputs()).isEqualTo(plain.outputs());
        @SuppressWarnings("unchecked")
        List<Passage> context = fast.output("context", List.class);
        assertThat(context).extracting(Passage::source).containsExactlyInAnyOrderElementsOf(TOPICS);
        assertThat(context).isSortedAccordingTo(Passage.BEST_FIRST);
        for (int i = 0; i < QUERIES.size(); i++) {
            assertThat(fast.event("expand.decode[" + i + "]").outcome()).isEqualTo(TraceEvent.Outcome.OK);
        }
        assertThat(fast.event("generate.prefill.partial").engine()).isEqualTo("llm");
        assertThat(fast.criticalPathNanos()).isPositive().isLessThanOrEqualTo(fast.endToEndNanos());
    }

    @Test
    void arrivalOrderPrefillsTheContextProgressivelyAndAnswersExactly() {
        App app = Apps.advancedRag(AppOptions.DEFAULT.withSearchK(4).withRerankK(3)
                .withContextOrder(ContextOrder.ARRIVAL)).withCollection("e2e-arrival");
        PrimitiveGraph graph = app.lower(new QueryShape(corpus.passages().size(), 30, 20));
        PrimitiveGraph optimized = new Planner(Passes.STANDARD, PlannerContext.defaults()).optimize(graph).result();
        Map<String, Object> inputs = Map.of("question", QUESTION, "passages", corpus.passages());

        QueryResult plain = run(graph, inputs);
        stack.reopenLlm();
        // Every warm-up is sent here, even one whose prompt is already complete when it could start, so
        // that the test sees each step of the chain.
        QueryResult fast;
        try (Ayo4jRuntime runtime = stack.runtimeBuilder().skipLateWarmUps(false).build()) {
            fast = runtime.run(optimized, inputs, Duration.ofMinutes(2));
        }

        assertThat(fast.output("answer", String.class)).isEqualTo(SyntheticModels.jsonList(QUERIES));
        assertThat(fast.outputs()).isEqualTo(plain.outputs());
        for (String step : List.of("generate.prefill.partial", "generate.prefill.step1", "generate.prefill.step2")) {
            assertThat(fast.event(step).engine()).isEqualTo("llm");
            assertThat(fast.event(step).outcome()).as(step).isEqualTo(TraceEvent.Outcome.OK);
            assertThat(fast.event(step).tokensIn()).as(step).isPositive();
        }
        assertThat(fast.event("generate.prefill.step2").tokensIn())
                .isGreaterThan(fast.event("generate.prefill.step1").tokensIn());
        assertThat(fast.warmUps()).isEqualTo(new QueryResult.WarmUps(3, 0, 0));
        assertThat(plain.warmUps().total()).isZero();
    }

    @Test
    void searchingACollectionIngestedBeforehandGivesTheAnswerOfPerQueryIngestion() {
        AppOptions options = AppOptions.DEFAULT.withSearchK(4).withRerankK(3);
        QueryResult ingested = run(Apps.ingest().withCollection("e2e-corpus")
                .lower(new QueryShape(corpus.passages().size(), 30, 1)), Map.of("passages", corpus.passages()));
        assertThat(ingested.outputs()).containsKey(Apps.INDEX.name());
        App overCollection = Apps.advancedRagOverCollection(options).withCollection("e2e-corpus");
        App perQuery = Apps.advancedRag(options).withCollection("e2e-per-query");

        QueryResult searched = run(new Planner(Passes.STANDARD, PlannerContext.defaults())
                        .optimize(overCollection.lower(new QueryShape(0, 30, 20))).result(),
                Map.of(Apps.QUESTION.name(), QUESTION, Apps.INDEX.name(), Apps.COLLECTION_READY));
        stack.reopenLlm();
        QueryResult indexed = run(perQuery.lower(new QueryShape(corpus.passages().size(), 30, 20)),
                Map.of("question", QUESTION, "passages", corpus.passages()));

        assertThat(searched.outputs()).isEqualTo(indexed.outputs());
        assertThat(searched.trace()).noneMatch(e -> e.nodeId().startsWith("index."));
    }

    @Test
    void ingestedPassagesSurviveReopeningTheStore() {
        App app = Apps.naiveRag(AppOptions.DEFAULT.withSearchK(4).withRerankK(2)).withCollection("durable");
        run(app.lower(new QueryShape(corpus.passages().size(), 30, 20)),
                Map.of("question", QUESTION, "passages", corpus.passages()));
        int before = stack.vectors().size("durable");

        stack.close();
        stack = LocalStack.open(stack.options());

        assertThat(stack.vectors().size("durable")).isEqualTo(before).isEqualTo(corpus.passages().size());
    }

    private static QueryResult run(PrimitiveGraph graph, Map<String, Object> inputs) {
        try (Ayo4jRuntime runtime = stack.newRuntime()) {
            return runtime.run(graph, inputs, Duration.ofMinutes(2));
        }
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
