// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ayo4j.app.AppOptions;
import dev.ayo4j.app.Apps;
import dev.ayo4j.app.ContextOrder;
import dev.ayo4j.app.EngineBinding;
import dev.ayo4j.app.Role;
import dev.ayo4j.app.QueryShape;
import dev.ayo4j.graph.GraphBuilder;
import dev.ayo4j.graph.NodeId;
import dev.ayo4j.graph.PrimitiveGraph;
import dev.ayo4j.plan.Passes;
import dev.ayo4j.plan.Planner;
import dev.ayo4j.plan.PlannerContext;
import dev.ayo4j.primitive.OutputFormat;
import dev.ayo4j.primitive.Primitive;
import dev.ayo4j.primitive.PromptTemplate;
import dev.ayo4j.primitive.ValueKind;
import dev.ayo4j.runtime.trace.TraceEvent;
import dev.ayo4j.spi.BatchDecision;
import dev.ayo4j.spi.BatchPolicy;
import dev.ayo4j.testkit.TestingEngine;
import dev.ayo4j.testkit.TestingGate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A warm-up that could only start once its prompt is complete is skipped, and nothing else changes. */
class LateWarmUpTest {
    private static final PromptTemplate TEMPLATE = PromptTemplate.of(
            "Answer from the context.\nQuestion: {{question}}\nContext: {{context}}\nAnswer:");

    /** question, context (both graph inputs) -> warm-up of the prefix -> prefill -> decode -> answer. */
    private static PrimitiveGraph warmedByInputsOnly() {
        var b = PrimitiveGraph.builder("late-warm-up");
        NodeId q = b.add("question", new Primitive.Input("question", ValueKind.TEXT));
        NodeId c = b.add("context", new Primitive.Input("context", ValueKind.TEXT));
        answerWarmedByTheQuestion(b, q, c, "value");
        return b.build();
    }

    /**
     * Adds to {@code b} the answer to question {@code q} from the context at {@code context}'s port
     * {@code contextPort}: a warm-up of the prefix, then prefill, decode and the output {@code answer}.
     */
    private static void answerWarmedByTheQuestion(GraphBuilder b, NodeId q, NodeId context,
                                                  String contextPort) {
        NodeId warm = b.add("warm", new Primitive.PartialPrefill("llm", TEMPLATE, 3, 10, false));
        NodeId prefill = b.add("prefill", new Primitive.Prefill("llm", TEMPLATE, OutputFormat.text(), 8, 20, true));
        NodeId decode = b.add("decode", new Primitive.Decode("llm", OutputFormat.text(), 8));
        NodeId out = b.add("output.answer", new Primitive.Output("answer", ValueKind.TEXT));
        b.connect(q, "value", warm, "question");
        b.connect(q, "value", prefill, "question");
        b.connect(context, contextPort, prefill, "context");
        b.connect(warm, Primitive.PartialPrefill.WARMUP, prefill, Primitive.PartialPrefill.WARMUP);
        b.stream(prefill, Primitive.Prefill.GENERATION, decode, Primitive.Decode.GENERATION);
        b.connect(decode, Primitive.Decode.TEXT.name(), out, Primitive.Output.VALUE);
    }

    @Test
    void aWarmUpWhosePromptIsAlreadyCompleteIsNotSent() {
        TestingEngine llm = TestingEngine.builder("llm").build();
        QueryResult r;
        try (Ayo4jRuntime runtime = Ayo4jRuntime.builder().ownedEngine(llm).build()) {
            r = runtime.run(warmedByInputsOnly(), Map.of("question", "why?", "context", "[1] because"),
                    Fixtures.GUARD);
        }
        assertThat(r.event("warm").outcome()).isEqualTo(TraceEvent.Outcome.SKIPPED);
        assertThat(llm.batchesOf(Primitive.PartialPrefill.class)).isEmpty();
        assertThat(llm.batchesOf(Primitive.Prefill.class)).hasSize(1);
        assertThat(r.warmUps().total()).isZero();
        assertThat(r.output("answer", String.class)).isNotEmpty();
    }

    @Test
    void aWarmUpHeldInTheQueueIsWithdrawnOnceItsPromptIsComplete() throws Exception {
        var b = PrimitiveGraph.builder("held-warm-up");
        NodeId q = b.add("question", new Primitive.Input("question", ValueKind.TEXT));
        NodeId p = b.add("passages", new Primitive.Input("passages", ValueKind.PASSAGE_LIST));
        NodeId rerank = b.add("rerank", new Primitive.Rerank("reranker", Fixtures.PASSAGES, 2));
        b.connect(q, Primitive.Input.VALUE, rerank, Primitive.Rerank.QUERY.name());
        b.connect(p, Primitive.Input.VALUE, rerank, Primitive.Rerank.PASSAGES.name());
        answerWarmedByTheQuestion(b, q, rerank, "passages");

        TestingGate gate = new TestingGate();
        TestingEngine llm = TestingEngine.builder("llm").build();
        TestingEngine reranker = TestingEngine.builder("reranker").gate(Primitive.Rerank.class, gate).build();
        // A policy that never runs warm-ups stands for an LLM that stays busy with other queries.
        BatchPolicy neverWarmUps = (queue, now) -> {
            for (int i = 0; i < queue.size(); i++) {
                if (!queue.entry(i).warmUp()) {
                    return BatchDecision.dispatchSelected(i);
                }
            }
            return BatchDecision.idle();
        };
        try (Ayo4jRuntime runtime = Ayo4jRuntime.builder().ownedEngine(llm).ownedEngine(reranker)
                .policy("llm", neverWarmUps).build()) {
            var result = runtime.submit(b.build(), Map.of("question", "why?", "passages", Fixtures.passages()),
                    Fixtures.GUARD);
            assertThat(gate.awaitArrivals(1, Fixtures.GUARD)).isTrue();
            gate.release();
            QueryResult r = result.get(30, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(r.event("warm").outcome()).isEqualTo(TraceEvent.Outcome.SKIPPED);
            assertThat(llm.batchesOf(Primitive.PartialPrefill.class)).isEmpty();
            assertThat(r.output("answer", String.class)).isNotEmpty();
        }
    }

    @Test
    void withSkippingTheOptimizedArrivalOrderGraphStillReturnsTheUnoptimizedResults() {
        PrimitiveGraph plain = Apps.advancedRag(AppOptions.DEFAULT.withContextOrder(ContextOrder.ARRIVAL))
                .lower(QueryShape.ofPassages(Fixtures.PASSAGES));
        PrimitiveGraph optimized = new Planner(Passes.STANDARD, PlannerContext.defaults()).optimize(plain).result();
        assertThat(run(optimized).outputs()).isEqualTo(run(plain).outputs());
    }

    private static QueryResult run(PrimitiveGraph graph) {
        EngineBinding n = EngineBinding.DEFAULT;
        Ayo4jRuntime.Builder b = Ayo4jRuntime.builder();
        for (String name : List.of(n.engine(Role.LLM), n.engine(Role.EMBEDDER), n.engine(Role.RERANKER), n.engine(Role.VECTORS))) {
            b.ownedEngine(TestingEngine.builder(name).maxConcurrency(2).build());
        }
        try (Ayo4jRuntime runtime = b.build()) {
            return runtime.run(graph, Fixtures.ragInputs("which topic?"), Fixtures.GUARD);
        }
    }
}
