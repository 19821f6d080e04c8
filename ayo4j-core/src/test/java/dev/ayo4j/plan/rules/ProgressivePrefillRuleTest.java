// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.plan.rules;

import static dev.ayo4j.plan.PlanTesting.assertConfigRejects;
import static dev.ayo4j.plan.PlanTesting.count;
import static dev.ayo4j.plan.PlanTesting.plan;
import static dev.ayo4j.plan.PlanTesting.planGolden;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ayo4j.app.AppOptions;
import dev.ayo4j.app.Apps;
import dev.ayo4j.app.ContextOrder;
import dev.ayo4j.app.QueryShape;
import dev.ayo4j.graph.NodeId;
import dev.ayo4j.graph.PrimitiveGraph;
import dev.ayo4j.plan.Pass;
import dev.ayo4j.plan.Passes;
import dev.ayo4j.plan.Planner;
import dev.ayo4j.plan.Program;
import dev.ayo4j.primitive.Primitive;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * Tests of {@link ProgressivePrefillRule}. Golden files live under
 * {@code src/test/resources/dev/ayo4j/plan/golden/ProgressivePrefillRuleTest/}; after an intended
 * change rerun with {@code -Dgolden.update=true}, review the diff and commit it.
 */
class ProgressivePrefillRuleTest {
    private static final AppOptions ARRIVAL = AppOptions.DEFAULT.withContextOrder(ContextOrder.ARRIVAL);

    private static PrimitiveGraph advancedRag(AppOptions o) {
        return Apps.advancedRag(o).lower(QueryShape.ofPassages(20));
    }

    @Test
    void chainsPrefillStepsThroughAnArrivalOrderedContext(TestInfo info) {
        Planner.Plan p = planGolden(info,
                List.of(Passes.PREFILL_SPLIT, Passes.DECODE_PIPELINE, Passes.PROGRESSIVE_PREFILL), advancedRag(ARRIVAL));
        PrimitiveGraph out = p.result();
        NodeId step1 = NodeId.of("generate.prefill.step1");
        NodeId step2 = NodeId.of("generate.prefill.step2");
        assertThat(out.predecessors(step1)).containsExactlyInAnyOrder(NodeId.of("question"),
                NodeId.of("rerank.arrival.prefix1"), NodeId.of("generate.prefill.partial"));
        assertThat(out.predecessors(step2)).contains(NodeId.of("rerank.arrival.prefix2"), step1);
        assertThat(out.predecessors(NodeId.of("generate.prefill"))).contains(step2)
                .doesNotContain(NodeId.of("generate.prefill.partial"));
        assertThat(out.predecessors(NodeId.of("rerank.arrival.prefix1"))).containsExactly(NodeId.of("rerank[0]"));
        assertThat(((Primitive.Aggregate) out.node(NodeId.of("rerank.arrival.prefix2")).op()).topK()).isEqualTo(2);
        assertThat(count(out, Primitive.DecodeItem.class)).isEqualTo(3);
    }

    @Test
    void startsTheChainItselfWithoutAPrefillSplit() {
        PrimitiveGraph out = plan(CoreRules.PROGRESSIVE_PREFILL, advancedRag(ARRIVAL)).result();
        var step1 = (Primitive.PartialPrefill) out.node(NodeId.of("generate.prefill.step1")).op();
        assertThat(step1.warmed()).isFalse();
        assertThat(((Primitive.Prefill) out.node(NodeId.of("generate.prefill")).op()).warmed()).isTrue();
        assertThat(out.predecessors(NodeId.of("generate.prefill"))).contains(NodeId.of("generate.prefill.step2"));
    }

    @Test
    void leavesAScoreOrderedContextAlone() {
        PrimitiveGraph g = plan(List.of(Passes.PREFILL_SPLIT, Passes.DECODE_PIPELINE),
                advancedRag(AppOptions.DEFAULT)).result();
        assertThat(plan(CoreRules.PROGRESSIVE_PREFILL, g).result()).isEqualTo(g);
    }

    @Test
    void isIdempotent() {
        PrimitiveGraph once = plan(Passes.STANDARD, advancedRag(ARRIVAL)).result();
        assertThat(count(once, Primitive.PartialPrefill.class)).isEqualTo(3);
        assertThat(plan(Passes.STANDARD, once).result()).isEqualTo(once);
    }

    @Test
    void stopsAfterMaxSteps() {
        Pass pass = new Pass("p", Program.of(ProgressivePrefillRule.Config.DEFAULT.withMaxSteps(1).toRule()));
        PrimitiveGraph out = plan(List.of(pass), advancedRag(ARRIVAL.withExpansions(4))).result();
        assertThat(count(out, Primitive.PartialPrefill.class)).isEqualTo(1);
    }

    @Test
    void configRejectsBadValues() {
        assertConfigRejects(() -> ProgressivePrefillRule.Config.DEFAULT.withMaxSteps(0), "maxSteps");
        assertConfigRejects(() -> ProgressivePrefillRule.Config.DEFAULT.withOtherInputTokens(-1), "otherInputTokens");
    }
}
