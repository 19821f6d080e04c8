// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.plan.rules;

import static dev.ayo4j.plan.PlanTesting.advancedRag;
import static dev.ayo4j.plan.PlanTesting.assertConfigRejects;
import static dev.ayo4j.plan.PlanTesting.count;
import static dev.ayo4j.plan.PlanTesting.plan;
import static dev.ayo4j.plan.PlanTesting.planGolden;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ayo4j.graph.EdgeKind;
import dev.ayo4j.graph.NodeId;
import dev.ayo4j.graph.PrimitiveGraph;
import dev.ayo4j.plan.GraphFixture;
import dev.ayo4j.plan.Planner;
import dev.ayo4j.primitive.AggregateMode;
import dev.ayo4j.primitive.OutputFormat;
import dev.ayo4j.primitive.Primitive;
import dev.ayo4j.primitive.ValueKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * Tests of {@link DecodePipelineRule}. Golden files live under
 * {@code src/test/resources/dev/ayo4j/plan/golden/DecodePipelineRuleTest/}; after an intended change
 * rerun with {@code -Dgolden.update=true}, review the diff and commit it.
 */
class DecodePipelineRuleTest {
    @Test
    void pipelinesEachListItemIntoItsOwnBranch(TestInfo info) {
        PrimitiveGraph g = GraphFixture.DEFAULT.withPassages(10).expansion();
        Planner.Plan p = planGolden(info, CoreRules.DECODE_PIPELINE, g);
        PrimitiveGraph out = p.result();
        assertThat(count(out, Primitive.Decode.class)).isZero();
        assertThat(count(out, Primitive.DecodeItem.class)).isEqualTo(3);
        assertThat(count(out, Primitive.VectorSearch.class)).isEqualTo(3);
        assertThat(count(out, Primitive.Rerank.class)).isEqualTo(3);
        for (int i = 0; i < 3; i++) {
            NodeId item = NodeId.of("expand.decode[" + i + "]");
            assertThat(out.node(item).op()).isEqualTo(new Primitive.DecodeItem(GraphFixture.LLM, i, 3));
            assertThat(out.incoming(item)).singleElement().satisfies(e -> {
                assertThat(e.kind()).isEqualTo(EdgeKind.STREAM);
                assertThat(e.from().node()).isEqualTo(NodeId.of("expand.prefill"));
            });
            assertThat(out.successors(item)).containsExactly(NodeId.of("search.embed[" + i + "]"));
            assertThat(out.predecessors(NodeId.of("search.vsearch[" + i + "]")))
                    .containsExactlyInAnyOrder(NodeId.of("search.embed[" + i + "]"), NodeId.of("index.ingest"));
            assertThat(out.node(NodeId.of("rerank[" + i + "]")).op())
                    .isEqualTo(new Primitive.Rerank(GraphFixture.RERANKER, 20, 3));
        }
        assertThat(out.node(NodeId.of("rerank.top")).op())
                .isEqualTo(new Primitive.Aggregate(AggregateMode.TOP_K, ValueKind.PASSAGE_LIST, 3, 3));
        assertThat(out.predecessors(NodeId.of("output.context"))).containsExactly(NodeId.of("rerank.top"));
    }

    @Test
    void pipelinesAdvancedRagExpansion(TestInfo info) {
        PrimitiveGraph g = advancedRag(666);
        Planner.Plan p = planGolden(info, CoreRules.DECODE_PIPELINE, g);
        assertThat(p.result().successors(NodeId.of("rerank.top")))
                .containsExactlyInAnyOrder(NodeId.of("generate.prefill"), NodeId.of("output.context"));
    }

    @Test
    void declinesFreeTextDecode() {
        PrimitiveGraph g = GraphFixture.DEFAULT.withPassages(10).expansion(OutputFormat.text());
        assertThat(plan(CoreRules.DECODE_PIPELINE, g).result()).isEqualTo(g);
    }

    @Test
    void declinesSingleItemList() {
        PrimitiveGraph g = GraphFixture.DEFAULT.withPassages(10).withExpansions(1).expansion();
        assertThat(plan(CoreRules.DECODE_PIPELINE, g).result()).isEqualTo(g);
    }

    @Test
    void declinesWhenTheItemsHaveASecondConsumer() {
        PrimitiveGraph g = GraphFixture.withOutput(GraphFixture.DEFAULT.withPassages(10).expansion(), "expand.decode",
                Primitive.Decode.ITEMS.name(), "queries", ValueKind.TEXT_LIST);
        assertThat(plan(CoreRules.DECODE_PIPELINE, g).result()).isEqualTo(g);
    }

    @Test
    void declinesWhenTheSearchResultsHaveASecondConsumer() {
        PrimitiveGraph g = GraphFixture.withOutput(GraphFixture.DEFAULT.withPassages(10).expansion(), "search.vsearch",
                Primitive.VectorSearch.PASSAGES.name(), "raw", ValueKind.PASSAGE_LIST);
        assertThat(plan(CoreRules.DECODE_PIPELINE, g).result()).isEqualTo(g);
    }

    @Test
    void declinesListsLongerThanConfigured() {
        PrimitiveGraph g = GraphFixture.DEFAULT.withPassages(10).withExpansions(5).expansion();
        DecodePipelineRule short4 = DecodePipelineRule.Config.DEFAULT.withMaxItems(4).toRule();
        assertThat(plan(short4, g).result()).isEqualTo(g);
        assertThat(count(plan(CoreRules.DECODE_PIPELINE, g).result(), Primitive.DecodeItem.class)).isEqualTo(5);
    }

    @Test
    void configRejectsFewerThanTwoItems() {
        assertConfigRejects(() -> DecodePipelineRule.Config.DEFAULT.withMaxItems(1), "maxItems");
    }
}
