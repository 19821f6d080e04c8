// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.plan.rules;

import static dev.ayo4j.plan.PlanTesting.advancedRag;
import static dev.ayo4j.plan.PlanTesting.assertConfigRejects;
import static dev.ayo4j.plan.PlanTesting.count;
import static dev.ayo4j.plan.PlanTesting.plan;
import static dev.ayo4j.plan.PlanTesting.planGolden;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ayo4j.app.AppOptions;
import dev.ayo4j.app.Apps;
import dev.ayo4j.app.QueryShape;
import dev.ayo4j.graph.NodeId;
import dev.ayo4j.graph.PrimitiveGraph;
import dev.ayo4j.plan.GraphFixture;
import dev.ayo4j.plan.Pass;
import dev.ayo4j.plan.Planner;
import dev.ayo4j.plan.PlannerContext;
import dev.ayo4j.plan.Program;
import dev.ayo4j.plan.cost.CostModel;
import dev.ayo4j.plan.cost.CostProfile;
import dev.ayo4j.primitive.Primitive;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * Tests of {@link PrefillSplitRule}. Golden files live under
 * {@code src/test/resources/dev/ayo4j/plan/golden/PrefillSplitRuleTest/}; after an intended change
 * rerun with {@code -Dgolden.update=true}, review the diff and commit it.
 */
class PrefillSplitRuleTest {
    private static final String INSTRUCTIONS = "You are a careful editor. Improve the draft answer.\n";

    @Test
    void splitsBeforeTheFirstLateInput(TestInfo info) {
        PrimitiveGraph g = GraphFixture.DEFAULT.twoCalls(
                INSTRUCTIONS + "Question: {{question}}\nDraft: {{draft}}\nImproved:");
        Planner.Plan p = planGolden(info, CoreRules.PREFILL_SPLIT, g);
        PrimitiveGraph out = p.result();
        NodeId partialId = NodeId.of("answer.prefill.partial");
        var partial = (Primitive.PartialPrefill) out.node(partialId).op();
        assertThat(partial.segments()).isEqualTo(3);
        assertThat(partial.warmed()).isFalse();
        assertThat(out.predecessors(partialId)).containsExactly(NodeId.of("question"));
        var prefill = (Primitive.Prefill) out.node(NodeId.of("answer.prefill")).op();
        assertThat(prefill.warmed()).isTrue();
        assertThat(out.predecessors(NodeId.of("answer.prefill"))).contains(partialId);
        assertThat(partial.prefixTokens()).isPositive().isLessThan(prefill.promptTokens());
    }

    @Test
    void splitsLongLiteralPrefixWithoutEarlyPlaceholder() {
        PrimitiveGraph out = plan(CoreRules.PREFILL_SPLIT, GraphFixture.DEFAULT.twoCalls(
                INSTRUCTIONS + "Draft: {{draft}}\nImproved:")).result();
        var partial = (Primitive.PartialPrefill) out.node(NodeId.of("answer.prefill.partial")).op();
        assertThat(partial.segments()).isEqualTo(1);
        assertThat(out.incoming(NodeId.of("answer.prefill.partial"))).isEmpty();
    }

    @Test
    void declinesWhenTheFirstSegmentIsLate() {
        PrimitiveGraph g = GraphFixture.DEFAULT.twoCalls("{{draft}}\n" + INSTRUCTIONS + "Question: {{question}}");
        assertThat(plan(CoreRules.PREFILL_SPLIT, g).result()).isEqualTo(g);
    }

    @Test
    void declinesWhenAllInputsAreLate() {
        PrimitiveGraph g = GraphFixture.DEFAULT.twoCalls("Draft: {{draft}}\nImproved:");
        assertThat(plan(CoreRules.PREFILL_SPLIT, g).result()).isEqualTo(g);
    }

    @Test
    void declinesWhenAllInputsAreEarly() {
        PrimitiveGraph g = GraphFixture.DEFAULT.twoCalls(INSTRUCTIONS + "Question: {{question}}\nAnswer:");
        assertThat(plan(CoreRules.PREFILL_SPLIT, g).result()).isEqualTo(g);
    }

    @Test
    void declinesShortLiteralPrefixUnlessConfiguredLower() {
        PrimitiveGraph g = GraphFixture.DEFAULT.twoCalls("Draft: {{draft}}!");
        assertThat(plan(CoreRules.PREFILL_SPLIT, g).result()).isEqualTo(g);
        PrefillSplitRule eager = PrefillSplitRule.Config.DEFAULT.withMinPrefixChars(4).toRule();
        assertThat(count(plan(eager, g).result(), Primitive.PartialPrefill.class)).isEqualTo(1);
    }

    @Test
    void warmsOnlyTheAnswerOfAdvancedRag(TestInfo info) {
        assertWarmsOnly(info, advancedRag(666), "generate.prefill", "expand.prefill");
    }

    @Test
    void warmsTheRefineCallOfMultiCall(TestInfo info) {
        assertWarmsOnly(info, Apps.multiCall(AppOptions.DEFAULT).lower(QueryShape.ofPassages(0)), "refine.prefill",
                "draft.prefill");
    }

    /**
     * Plans {@code g} with the rule, checked against the test's golden file: the one partial prefill
     * warms prefill {@code warmed}, fed by the question alone, and prefill {@code cold} stays unwarmed.
     */
    private static void assertWarmsOnly(TestInfo info, PrimitiveGraph g, String warmed, String cold) {
        PrimitiveGraph out = planGolden(info, CoreRules.PREFILL_SPLIT, g).result();
        NodeId partial = NodeId.of(warmed + ".partial");
        assertThat(out.nodesOf(Primitive.PartialPrefill.class)).singleElement()
                .satisfies(n -> assertThat(n.id()).isEqualTo(partial));
        assertThat(out.predecessors(partial)).containsExactly(NodeId.of("question"));
        assertThat(((Primitive.Prefill) out.node(NodeId.of(cold)).op()).warmed()).isFalse();
    }

    @Test
    void declinesWhenThePartialPrefillWouldFinishAfterTheLateInput() {
        PrimitiveGraph g = GraphFixture.DEFAULT.twoCalls(
                INSTRUCTIONS + "Question: {{question}}\nDraft: {{draft}}\nImproved:");
        CostModel slowPartial = CostModel.defaults()
                .withProfile(GraphFixture.LLM, "PartialPrefill", CostProfile.of(100_000, 0, 0));
        Pass pass = new Pass("split", Program.of(CoreRules.PREFILL_SPLIT));
        PrimitiveGraph out = new Planner(List.of(pass), PlannerContext.defaults().withCostModel(slowPartial))
                .optimize(g).result();
        assertThat(out).isEqualTo(g);
    }

    @Test
    void configRejectsBadValues() {
        assertConfigRejects(() -> PrefillSplitRule.Config.DEFAULT.withEarlyInputTokens(0), "earlyInputTokens");
        assertConfigRejects(() -> PrefillSplitRule.Config.DEFAULT.withEarlyThresholdMs(0), "earlyThresholdMs");
        assertConfigRejects(() -> PrefillSplitRule.Config.DEFAULT.withMinPrefixChars(-1), "minPrefixChars");
    }
}
