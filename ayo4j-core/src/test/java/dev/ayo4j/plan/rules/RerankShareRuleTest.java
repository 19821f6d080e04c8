// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.plan.rules;

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
import dev.ayo4j.primitive.AggregateMode;
import dev.ayo4j.primitive.Primitive;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * Tests of {@link RerankShareRule}. Golden files live under
 * {@code src/test/resources/dev/ayo4j/plan/golden/RerankShareRuleTest/}; after an intended change rerun
 * with {@code -Dgolden.update=true}, review the diff and commit it.
 */
class RerankShareRuleTest {
    private static final Pass SHARE = new Pass("rerank-share", Program.of(CoreRules.RERANK_SHARE));

    @Test
    void filtersEachLaterBranchByTheCandidatesOfTheBranchesBeforeIt(TestInfo info) {
        PrimitiveGraph g = Apps.advancedRagOverCollection(AppOptions.DEFAULT).lower(QueryShape.ofPassages(0));
        Planner.Plan p = planGolden(info, List.of(Passes.DECODE_PIPELINE, SHARE), g);
        PrimitiveGraph out = p.result();

        assertThat(p.steps().getLast().firings()).isEqualTo(1);
        assertThat(out.nodeOrNull(NodeId.of("rerank[0]" + RerankShareRule.UNSEEN_SUFFIX))).isNull();
        var unseen2 = (Primitive.Aggregate) out.node(NodeId.of("rerank[2]" + RerankShareRule.UNSEEN_SUFFIX)).op();
        assertThat(unseen2.mode()).isEqualTo(AggregateMode.UNSEEN);
        assertThat(unseen2.arity()).isEqualTo(3);
        assertThat(out.predecessors(NodeId.of("rerank[2]" + RerankShareRule.UNSEEN_SUFFIX)))
                .containsExactlyInAnyOrder(NodeId.of("search.vsearch[0]"), NodeId.of("search.vsearch[1]"),
                        NodeId.of("search.vsearch[2]"));
        assertThat(out.predecessors(NodeId.of("rerank[1]"))).contains(NodeId.of("rerank[1].unseen"))
                .doesNotContain(NodeId.of("search.vsearch[1]"));
    }

    @Test
    void firesOnceAndThenLeavesTheGraphAsItIs() {
        PrimitiveGraph g = Apps.advancedRagOverCollection(AppOptions.DEFAULT).lower(QueryShape.ofPassages(0));
        PrimitiveGraph shared = plan(Passes.STANDARD, g).result();
        assertThat(shared.nodesOf(Primitive.Aggregate.class).stream()
                .filter(n -> ((Primitive.Aggregate) n.op()).mode() == AggregateMode.UNSEEN)).hasSize(2);

        Planner.Plan again = plan(List.of(SHARE), shared);

        assertThat(again.steps().getFirst().firings()).isZero();
        assertThat(again.result()).isEqualTo(shared);
    }

    @Test
    void leavesArrivalOrderedContextAlone() {
        PrimitiveGraph g = Apps.advancedRagOverCollection(AppOptions.DEFAULT.withContextOrder(ContextOrder.ARRIVAL))
                .lower(QueryShape.ofPassages(0));
        Planner.Plan p = plan(List.of(Passes.DECODE_PIPELINE, SHARE), g);
        assertThat(p.steps().getLast().firings()).isZero();
    }

    @Test
    void leavesABranchWhoseRerankKeepsFewerThanTheMergeAlone() {
        PrimitiveGraph g = plan(List.of(Passes.DECODE_PIPELINE),
                Apps.advancedRagOverCollection(AppOptions.DEFAULT).lower(QueryShape.ofPassages(0))).result();
        var b = g.toBuilder();
        var r = (Primitive.Rerank) g.node(NodeId.of("rerank[1]")).op();
        b.replace(NodeId.of("rerank[1]"), new Primitive.Rerank(r.engine(), r.candidates(), 1, r.scoring(), false));

        Planner.Plan p = plan(List.of(SHARE), b.build());

        assertThat(p.steps().getFirst().firings()).isZero();
    }

    @Test
    void leavesASingleSearchAlone() {
        PrimitiveGraph g = Apps.naiveRagOverCollection(AppOptions.DEFAULT).lower(QueryShape.ofPassages(0));
        Planner.Plan p = plan(Passes.STANDARD, g);
        assertThat(p.result().nodesOf(Primitive.Aggregate.class).stream()
                .filter(n -> ((Primitive.Aggregate) n.op()).mode() == AggregateMode.UNSEEN)).isEmpty();
    }
}
