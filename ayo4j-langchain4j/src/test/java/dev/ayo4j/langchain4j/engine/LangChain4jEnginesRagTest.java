// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.langchain4j.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ayo4j.app.AppOptions;
import dev.ayo4j.app.Apps;
import dev.ayo4j.app.EngineBinding;
import dev.ayo4j.app.Role;
import dev.ayo4j.app.QueryShape;
import dev.ayo4j.graph.PrimitiveGraph;
import dev.ayo4j.plan.Passes;
import dev.ayo4j.plan.Planner;
import dev.ayo4j.plan.PlannerContext;
import dev.ayo4j.primitive.Primitive;
import dev.ayo4j.runtime.Ayo4jRuntime;
import dev.ayo4j.runtime.QueryResult;
import dev.ayo4j.runtime.trace.TraceEvent;
import dev.ayo4j.spi.Passage;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.inmemory.InMemoryEmbeddingStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Optimized advanced-rag end to end on LangChain4j models only, each an engine made through the
 * provider: the in-process MiniLM embeds, a similarity scorer on it reranks, an in-memory store holds the
 * passages, and a streaming chat model (a test fake) answers.
 */
class LangChain4jEnginesRagTest {
    @Test
    void advancedRagRunsOnLangChain4jModelsAndWarmUpsFallBack() {
        EngineBinding n = EngineBinding.DEFAULT;
        List<Passage> passages = new ArrayList<>();
        String[] topics = {"the sky is blue because air scatters blue light", "cats sleep most of the day",
            "the stock market fell on Monday", "rain forms when droplets grow heavy", "sunsets are red"};
        for (int i = 0; i < topics.length; i++) {
            passages.add(new Passage("doc.md#" + i, topics[i], 0, "doc.md"));
        }
        PrimitiveGraph graph = Apps.advancedRag(AppOptions.DEFAULT).lower(QueryShape.ofPassages(passages.size()));
        PrimitiveGraph optimized = new Planner(Passes.STANDARD, PlannerContext.defaults()).optimize(graph).result();
        assertThat(optimized.nodes()).anyMatch(node -> node.op() instanceof Primitive.PartialPrefill);

        QueryResult r;
        try (Ayo4jRuntime runtime = Ayo4jRuntime.builder().skipLateWarmUps(false)
                .ownedEngine(Models.engine(LangChain4jEngines.chat(n.engine(Role.LLM), new TestingStreamingChatModel())))
                .ownedEngine(Models.engine(LangChain4jEngines.embedding(n.engine(Role.EMBEDDER), Models.miniLm())))
                .ownedEngine(Models.engine(LangChain4jEngines.scoring(n.engine(Role.RERANKER),
                        new SimilarityScoringModel(Models.miniLm()))))
                .ownedEngine(Models.engine(LangChain4jEngines.store(n.engine(Role.VECTORS), new InMemoryEmbeddingStore<TextSegment>())))
                .build()) {
            r = runtime.run(optimized, Map.of(Apps.QUESTION.name(), "Why is the sky blue?",
                    Apps.PASSAGES.name(), passages), Duration.ofMinutes(1));
        }

        assertThat(r.output(Apps.ANSWER.name(), String.class))
                .isEqualTo("The answer to 'Why is the sky blue?' is in the context [1].");
        @SuppressWarnings("unchecked")
        List<Passage> context = r.output(Apps.CONTEXT.name(), List.class);
        assertThat(context).isNotEmpty().isSortedAccordingTo(Passage.BEST_FIRST);
        assertThat(context.getFirst().id()).isEqualTo("doc.md#0");
        assertThat(r.trace()).filteredOn(e -> e.primitive().equals("PartialPrefill")).isNotEmpty()
                .as("a chat model cannot prefill without generating: each warm-up falls back")
                .allSatisfy(e -> assertThat(e.outcome()).isEqualTo(TraceEvent.Outcome.FELL_BACK));
        assertThat(r.trace()).filteredOn(e -> !e.primitive().equals("PartialPrefill"))
                .allSatisfy(e -> assertThat(e.outcome()).isEqualTo(TraceEvent.Outcome.OK));
    }
}
