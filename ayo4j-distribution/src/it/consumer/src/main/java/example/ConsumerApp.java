// SPDX-License-Identifier: Apache-2.0
package example;

import dev.ayo4j.app.App;
import dev.ayo4j.app.AppOptions;
import dev.ayo4j.app.Apps;
import dev.ayo4j.app.QueryShape;
import dev.ayo4j.engine.llamacpp.gguf.SyntheticModels;
import dev.ayo4j.graph.PrimitiveGraph;
import dev.ayo4j.local.Chunker;
import dev.ayo4j.local.Corpus;
import dev.ayo4j.local.CorpusLoader;
import dev.ayo4j.local.Document;
import dev.ayo4j.local.LocalStack;
import dev.ayo4j.local.LocalStackOptions;
import dev.ayo4j.plan.Passes;
import dev.ayo4j.plan.Planner;
import dev.ayo4j.plan.PlannerContext;
import dev.ayo4j.runtime.Ayo4jRuntime;
import dev.ayo4j.runtime.QueryResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A library user's app, built against ayo4j's published artifacts: advanced RAG, optimized, on the
 * embedded engines (llama.cpp, the ONNX encoders, Lucene). The LLM is a synthetic chain model whose
 * greedy output is a fixed JSON list, so the answer can be checked exactly.
 */
public final class ConsumerApp {
    public static void main(String[] args) {
        Path work = Path.of(args[0]);
        List<String> queries = List.of("lucene vector index", "prompt cache prefill");
        Path model = work.resolve("chain.gguf");
        SyntheticModels.writeJsonListChain(model, queries);
        Corpus corpus = new CorpusLoader(new Chunker(Chunker.DEFAULT_MAX_WORDS)).of("notes", List.of(
                new Document("lucene.md", "Passages and their vectors are kept in a Lucene HNSW index on disk."),
                new Document("prefill.md", "Prefill splitting warms the prompt cache while retrieval runs."),
                new Document("bread.md", "Bake the bread for twenty minutes, then let it cool on a rack.")));
        App app = Apps.advancedRag(AppOptions.DEFAULT.withSearchK(2).withRerankK(2)).withCollection("consumer");
        PrimitiveGraph graph = new Planner(Passes.STANDARD, PlannerContext.defaults())
                .optimize(app.lower(new QueryShape(corpus.passages().size(), 30, 20))).result();

        try (LocalStack stack = LocalStack.open(LocalStackOptions.of(model, work.resolve("data")));
             Ayo4jRuntime runtime = stack.newRuntime()) {
            QueryResult result = runtime.run(graph, Map.of("question", "How are vectors stored?",
                    "passages", corpus.passages()), Duration.ofMinutes(2));
            String answer = result.output("answer", String.class);
            if (!answer.equals(SyntheticModels.jsonList(queries))) {
                throw new IllegalStateException("unexpected answer: " + answer);
            }
            System.out.printf("consumer app answered in %.2f s: %s%n", result.endToEndNanos() / 1e9, answer);
        }
        // A native thread of the LLM engine outlives close() and keeps the JVM alive, as in the ayo4j command.
        System.exit(0);
    }
}
