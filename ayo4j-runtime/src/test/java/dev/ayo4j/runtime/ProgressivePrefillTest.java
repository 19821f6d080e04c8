// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ayo4j.app.AppOptions;
import dev.ayo4j.app.Apps;
import dev.ayo4j.app.ContextOrder;
import dev.ayo4j.app.EngineBinding;
import dev.ayo4j.app.Role;
import dev.ayo4j.app.QueryShape;
import dev.ayo4j.graph.PrimitiveGraph;
import dev.ayo4j.plan.Pass;
import dev.ayo4j.plan.Passes;
import dev.ayo4j.plan.Planner;
import dev.ayo4j.plan.PlannerContext;
import dev.ayo4j.primitive.Primitive;
import dev.ayo4j.runtime.trace.TraceEvent;
import dev.ayo4j.spi.Passage;
import dev.ayo4j.spi.Task;
import dev.ayo4j.spi.TaskInputs;
import dev.ayo4j.testkit.TestingEngine;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Progressive prefill on the deterministic testing engine: the optimized graph sends exactly the
 * unoptimized prompts, in either context order; its warm-ups cover growing prefixes of the answer's
 * prompt; and a failing warm-up is counted and falls back instead of failing the query.
 */
class ProgressivePrefillTest {
    private static final String QUESTION = "which topic do the passages share?";

    private static PrimitiveGraph advancedRag(ContextOrder order) {
        return Apps.advancedRag(AppOptions.DEFAULT.withContextOrder(order)).lower(QueryShape.ofPassages(
                Fixtures.PASSAGES));
    }

    private static PrimitiveGraph optimize(PrimitiveGraph g, List<Pass> passes) {
        return new Planner(passes, PlannerContext.defaults()).optimize(g).result();
    }

    @ParameterizedTest
    @EnumSource(ContextOrder.class)
    void optimizedPromptsAreExactlyTheUnoptimizedOnes(ContextOrder order) {
        PrimitiveGraph plain = advancedRag(order);
        Run unoptimized = run(plain, b -> b);
        Run optimized = run(optimize(plain, Passes.STANDARD), b -> b);

        assertThat(optimized.prompts(Primitive.Prefill.class)).isEqualTo(unoptimized.prompts(Primitive.Prefill.class));
        assertThat(optimized.result().outputs()).isEqualTo(unoptimized.result().outputs());
        String answerPrompt = optimized.prompts(Primitive.Prefill.class).get("generate.prefill");
        Map<String, String> warmUps = optimized.prompts(Primitive.PartialPrefill.class);
        assertThat(warmUps.values()).allSatisfy(prefix -> assertThat(answerPrompt).startsWith(prefix));
        if (order == ContextOrder.ARRIVAL) {
            assertThat(warmUps).containsOnlyKeys("generate.prefill.partial", "generate.prefill.step1",
                    "generate.prefill.step2");
            assertThat(warmUps.get("generate.prefill.step1")).startsWith(warmUps.get("generate.prefill.partial"))
                    .contains("[1] ").doesNotContain("[2] ");
            assertThat(warmUps.get("generate.prefill.step2")).startsWith(warmUps.get("generate.prefill.step1"))
                    .contains("[2] ");
            assertThat(optimized.result().warmUps()).isEqualTo(new QueryResult.WarmUps(3, 0, 0));
        } else {
            assertThat(warmUps).containsOnlyKeys("generate.prefill.partial");
        }
    }

    @Test
    void arrivalOrderListsRerankKDistinctPassages() {
        Run arrival = run(advancedRag(ContextOrder.ARRIVAL), b -> b);
        Run score = run(advancedRag(ContextOrder.SCORE), b -> b);
        @SuppressWarnings("unchecked")
        List<Passage> byScore = score.result().output("context", List.class);
        @SuppressWarnings("unchecked")
        List<Passage> byArrival = arrival.result().output("context", List.class);
        assertThat(byScore).isSortedAccordingTo(Passage.BEST_FIRST);
        assertThat(byArrival).hasSize(3).doesNotHaveDuplicates();
    }

    @Test
    void failedWarmUpsAreCountedAndTheQueryFallsBack() {
        PrimitiveGraph plain = advancedRag(ContextOrder.ARRIVAL);
        Run unoptimized = run(plain, b -> b);
        Run failing = run(optimize(plain, Passes.STANDARD), b -> b.failOn(Primitive.PartialPrefill.class));

        assertThat(failing.result().outputs()).isEqualTo(unoptimized.result().outputs());
        assertThat(failing.result().warmUps()).isEqualTo(new QueryResult.WarmUps(0, 3, 0));
        assertThat(failing.result().event("generate.prefill.step1").outcome()).isEqualTo(TraceEvent.Outcome.FELL_BACK);
        assertThat(failing.result().event("generate.prefill").outcome()).isEqualTo(TraceEvent.Outcome.OK);
    }

    @Test
    void aJoinOfTheFirstInputsIsAPrefixOfTheWholeJoin() {
        SplittableRandom r = new SplittableRandom(20261124L);
        for (int round = 0; round < 200; round++) {
            int arity = 1 + r.nextInt(5);
            int topK = 1 + r.nextInt(8);
            Object[] lists = new Object[arity];
            for (int i = 0; i < arity; i++) {
                if (r.nextInt(5) == 0) {
                    continue; // an absent branch
                }
                List<Passage> list = new ArrayList<>();
                for (int p = r.nextInt(6); p > 0; p--) {
                    int id = r.nextInt(10);
                    list.add(new Passage("d#" + id, "text " + id, r.nextInt(100) / 100.0, "d"));
                }
                lists[i] = list;
            }
            List<Passage> whole = Coercions.arrivalJoin(lists, topK);
            assertThat(whole.size()).isLessThanOrEqualTo(topK);
            assertThat(whole).extracting(Passage::id).doesNotHaveDuplicates();
            int shares = 0;
            for (int j = 1; j <= arity; j++) {
                shares += Primitive.Aggregate.arrivalShare(topK, arity, j - 1);
                Object[] first = java.util.Arrays.copyOf(lists, j);
                List<Passage> prefix = Coercions.arrivalJoin(first, Math.max(1, shares));
                assertThat(whole.subList(0, Math.min(whole.size(), prefix.size()))).as("round %s, j %s", round, j)
                        .isEqualTo(prefix);
            }
        }
    }

    /** One query's result and the prompts the LLM was sent, by node. */
    private record Run(QueryResult result, TestingEngine llm) {
        Map<String, String> prompts(Class<? extends Primitive> kind) {
            Map<String, String> out = new TreeMap<>();
            llm.batchesOf(kind).forEach(b -> {
                for (Task t : b.tasks()) {
                    if (kind.isInstance(t.op())) {
                        out.put(t.id().node(), TaskInputs.prompt(t));
                    }
                }
            });
            return out;
        }
    }

    private static Run run(PrimitiveGraph graph, UnaryOperator<TestingEngine.Builder> llmSetup) {
        EngineBinding n = EngineBinding.DEFAULT;
        TestingEngine llm = llmSetup.apply(TestingEngine.builder(n.engine(Role.LLM)).maxConcurrency(2)).build();
        Ayo4jRuntime.Builder b = Ayo4jRuntime.builder().ownedEngine(llm).skipLateWarmUps(false);
        for (String name : List.of(n.engine(Role.EMBEDDER), n.engine(Role.RERANKER), n.engine(Role.VECTORS))) {
            b.ownedEngine(TestingEngine.builder(name).maxConcurrency(2).build());
        }
        try (Ayo4jRuntime runtime = b.build()) {
            return new Run(runtime.run(graph, Fixtures.ragInputs(QUESTION), Fixtures.GUARD), llm);
        }
    }
}
