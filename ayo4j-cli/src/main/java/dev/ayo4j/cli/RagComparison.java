// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.cli;

import dev.ayo4j.app.App;
import dev.ayo4j.app.AppOptions;
import dev.ayo4j.app.Apps;
import dev.ayo4j.app.QueryShape;
import dev.ayo4j.graph.PrimitiveGraph;
import dev.ayo4j.local.LocalStack;
import dev.ayo4j.plan.Pass;
import dev.ayo4j.plan.Passes;
import dev.ayo4j.plan.Planner;
import dev.ayo4j.plan.PlannerContext;
import dev.ayo4j.runtime.Ayo4jRuntime;
import dev.ayo4j.runtime.QueryResult;
import dev.ayo4j.spi.PrefillCounts;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Runs one question through an app over a collection ingested beforehand, twice on the same engines,
 * unoptimized and optimized, after a warm-up run; the LLM is reopened before each measured run so neither
 * profits from prompts the other left in its cache. The collection is ingested once, before, by the
 * caller ({@link dev.ayo4j.local.CorpusCollection#sync}), and all three runs search it.
 */
final class RagComparison {
    /** One measured run, with the prompt work its LLM did (the LLM is opened afresh for each run). */
    record Run(String label, List<Pass> passes, PrimitiveGraph graph, QueryResult result, PrefillCounts llmPrompts) {}

    /** Both runs. */
    record Outcome(Run plain, Run optimized) {
        double speedup() {
            return (double) plain.result().endToEndNanos() / optimized.result().endToEndNanos();
        }
    }

    private RagComparison() {}

    /** The built-in RAG app {@code name} in its form that searches a collection ingested beforehand. */
    static App overCollection(String name, AppOptions options) {
        return switch (name) {
            case "naive-rag" -> Apps.naiveRagOverCollection(options);
            case "advanced-rag" -> Apps.advancedRagOverCollection(options);
            default -> throw new IllegalArgumentException("run answers over documents: use --app naive-rag or"
                    + " advanced-rag, not '" + name + "'");
        };
    }

    /** {@code app} must search its collection ingested beforehand (an {@code ...OverCollection} app). */
    static Outcome run(LocalStack stack, App app, String question, Duration deadline, PrintStream log) {
        QueryShape shape = new QueryShape(0, 1, Math.max(1, question.split("\\s+").length * 4 / 3));
        PrimitiveGraph graph = app.lower(shape);
        PlannerContext context = PlannerContext.defaults();
        PrimitiveGraph optimized = new Planner(Passes.STANDARD, context).optimize(graph).result();
        Map<String, Object> inputs = Map.of(Apps.QUESTION.name(), question, Apps.INDEX.name(), Apps.COLLECTION_READY);

        log.println("warming up the engines (one unmeasured run)...");
        try (Ayo4jRuntime runtime = stack.newRuntime()) {
            runtime.run(optimized, inputs, deadline);
        }
        stack.reopenLlm();
        log.println("running unoptimized...");
        Run plain = measure(stack, "unoptimized", Passes.NONE, graph, inputs, deadline);
        stack.reopenLlm();
        log.println("running optimized...");
        Run opt = measure(stack, "optimized", Passes.STANDARD, optimized, inputs, deadline);
        return new Outcome(plain, opt);
    }

    private static Run measure(LocalStack stack, String label, List<Pass> passes, PrimitiveGraph graph,
                               Map<String, Object> inputs, Duration deadline) {
        PrefillCounts before = stack.llm().prefillCounts();
        try (Ayo4jRuntime runtime = stack.newRuntime()) {
            QueryResult result = runtime.run(graph, inputs, deadline);
            return new Run(label, passes, graph, result, stack.llm().prefillCounts().since(before));
        }
    }
}
