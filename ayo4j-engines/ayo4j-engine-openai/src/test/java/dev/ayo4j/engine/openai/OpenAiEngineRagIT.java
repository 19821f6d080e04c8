// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.engine.openai;

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
import dev.ayo4j.spi.Passage;
import dev.ayo4j.testkit.TestingEngine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * End to end on loopback: the optimized advanced-RAG graph runs on the runtime with this engine as its
 * LLM (the fake server behind it) and testing encoders and store, so the engine meets the runtime's real
 * tasks: rendered prompts, warm-ups before prefills, a JSON list decoded item by item.
 */
class OpenAiEngineRagIT {
    private static final int PASSAGES = 8;
    private final TestingOpenAiServer server = TestingOpenAiServer.start();

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void optimizedAdvancedRagAnswersThroughTheServer() {
        EngineBinding n = EngineBinding.DEFAULT;
        PrimitiveGraph graph = Apps.advancedRag(AppOptions.DEFAULT).lower(QueryShape.ofPassages(PASSAGES));
        PrimitiveGraph optimized = new Planner(Passes.STANDARD, PlannerContext.defaults()).optimize(graph).result();
        Ayo4jRuntime.Builder b = Ayo4jRuntime.builder().ownedEngine(OpenAiEngine.builder().name(n.engine(Role.LLM))
                .baseUrl(server.baseUrl()).model("testing").cachePrompt(true).build());
        for (String name : List.of(n.engine(Role.EMBEDDER), n.engine(Role.RERANKER), n.engine(Role.VECTORS))) {
            b.ownedEngine(TestingEngine.builder(name).build());
        }
        List<Passage> passages = new ArrayList<>();
        for (int i = 0; i < PASSAGES; i++) {
            passages.add(Passage.of("doc.md#" + i, "passage " + i + " about the colour of the sky"));
        }

        QueryResult r;
        try (Ayo4jRuntime runtime = b.build()) {
            r = runtime.run(optimized, Map.of("question", "Why is the sky blue?", "passages", passages),
                    Duration.ofMinutes(1));
        }

        assertThat(r.output("answer", String.class)).isEqualTo(TestingOpenAiServer.DEFAULT_TEXT);
        List<TestingOpenAiServer.Request> requests = server.requests();
        int expansions = AppOptions.DEFAULT.expansions();
        assertThat(requests).as("one request asked for the list of %s queries", expansions)
                .filteredOn(q -> q.body().path("response_format").path("json_schema").path("schema")
                        .path("maxItems").asInt() == expansions)
                .hasSize(1);
        assertThat(optimized.nodes()).as("the planner split the answer's prefill")
                .anyMatch(node -> node.op() instanceof Primitive.PartialPrefill);
        List<String> warmUps = requests.stream().filter(q -> q.body().path("max_tokens").asInt() == 1)
                .map(q -> q.body().path("prompt").asText()).toList();
        String answerPrompt = requests.stream().filter(q -> q.body().path("stream").asBoolean()
                && !q.body().has("response_format")).map(q -> q.body().path("prompt").asText())
                .reduce((first, last) -> last).orElseThrow();
        assertThat(warmUps).isNotEmpty().allSatisfy(p -> assertThat(answerPrompt).startsWith(p));
    }
}
