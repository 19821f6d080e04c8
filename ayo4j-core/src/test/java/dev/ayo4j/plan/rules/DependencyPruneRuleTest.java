// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.plan.rules;

import static dev.ayo4j.plan.PlanTesting.advancedRag;
import static dev.ayo4j.plan.PlanTesting.assertConfigRejects;
import static dev.ayo4j.plan.PlanTesting.plan;
import static dev.ayo4j.plan.PlanTesting.planGolden;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ayo4j.graph.Edge;
import dev.ayo4j.graph.GraphBuilder;
import dev.ayo4j.graph.NodeId;
import dev.ayo4j.graph.PrimitiveGraph;
import dev.ayo4j.plan.GraphFixture;
import dev.ayo4j.plan.Planner;
import dev.ayo4j.primitive.Primitive;
import dev.ayo4j.primitive.ValueKind;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * Tests of {@link DependencyPruneRule}. Golden files live under
 * {@code src/test/resources/dev/ayo4j/plan/golden/DependencyPruneRuleTest/}; after an intended change
 * rerun with {@code -Dgolden.update=true}, review the diff and commit it.
 */
class DependencyPruneRuleTest {
    @Test
    void prunesModuleChainOrderingOnAdvancedRag(TestInfo info) {
        PrimitiveGraph g = advancedRag(666);
        Planner.Plan p = planGolden(info, CoreRules.DEPENDENCY_PRUNE, g);
        PrimitiveGraph out = p.result();
        assertThat(out.edges()).allMatch(Edge::carriesData);
        assertThat(out.predecessors(NodeId.of("expand.prefill"))).containsExactly(NodeId.of("question"));
        assertThat(out.size()).isEqualTo(g.size());
    }

    @Test
    void prunesOrderingOnHandBuiltGraph(TestInfo info) {
        GraphBuilder b = GraphFixture.DEFAULT.withPassages(8).retrieval().toBuilder();
        b.order(NodeId.of("index.ingest"), NodeId.of("search.embed"));
        b.order(NodeId.of("search.embed"), NodeId.of("rerank"));
        Planner.Plan p = planGolden(info, CoreRules.DEPENDENCY_PRUNE, b.build());
        assertThat(p.result().edges()).allMatch(Edge::carriesData);
        assertThat(p.steps().getFirst().firings()).isEqualTo(2);
    }

    @Test
    void leavesGraphWithoutOrderingEdgesUnchanged() {
        PrimitiveGraph g = GraphFixture.DEFAULT.retrieval();
        Planner.Plan p = plan(CoreRules.DEPENDENCY_PRUNE, g);
        assertThat(p.result()).isEqualTo(g);
        assertThat(p.steps().getFirst().firings()).isZero();
    }

    @Test
    void keepsOrderingEdgeThatIsTheProducersOnlyPathToAnOutput() {
        GraphBuilder b = PrimitiveGraph.builder("side-effect");
        NodeId passages = b.add("passages", new Primitive.Input("passages", ValueKind.PASSAGE_LIST));
        NodeId question = b.add("question", new Primitive.Input("question", ValueKind.TEXT));
        NodeId ingest = GraphFixture.DEFAULT.withPassages(4).addIndex(b, passages);
        NodeId out = b.add("output.question", new Primitive.Output("question", ValueKind.TEXT));
        b.connect(question, Primitive.Input.VALUE, out, Primitive.Output.VALUE);
        b.order(ingest, out);
        PrimitiveGraph g = b.build();
        Planner.Plan p = plan(CoreRules.DEPENDENCY_PRUNE, g);
        assertThat(p.result()).isEqualTo(g);
    }

    @Test
    void restrictedKindsPruneOnlyThoseConsumers() {
        DependencyPruneRule onlyRerank = DependencyPruneRule.Config.DEFAULT
                .withKinds(Set.of(Primitive.Rerank.class)).toRule();
        GraphBuilder b = GraphFixture.DEFAULT.withPassages(8).retrieval().toBuilder();
        b.order(NodeId.of("index.ingest"), NodeId.of("search.embed"));
        b.order(NodeId.of("search.embed"), NodeId.of("rerank"));
        PrimitiveGraph out = plan(onlyRerank, b.build()).result();
        assertThat(out.edges()).filteredOn(e -> !e.carriesData()).singleElement()
                .satisfies(e -> assertThat(e.to().node()).isEqualTo(NodeId.of("search.embed")));
    }

    @Test
    void configRejectsNoKinds() {
        assertConfigRejects(() -> DependencyPruneRule.Config.DEFAULT.withKinds(Set.of()), "kinds");
    }
}
