// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.plan.rules;

import static dev.ayo4j.plan.PlanTesting.assertConfigRejects;
import static dev.ayo4j.plan.PlanTesting.count;
import static dev.ayo4j.plan.PlanTesting.plan;
import static dev.ayo4j.plan.PlanTesting.planGolden;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ayo4j.graph.Edge;
import dev.ayo4j.graph.GraphBuilder;
import dev.ayo4j.graph.NodeId;
import dev.ayo4j.graph.PortRef;
import dev.ayo4j.graph.PrimitiveGraph;
import dev.ayo4j.graph.Slice;
import dev.ayo4j.plan.GraphFixture;
import dev.ayo4j.plan.Planner;
import dev.ayo4j.primitive.AggregateMode;
import dev.ayo4j.primitive.Primitive;
import dev.ayo4j.primitive.ValueKind;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * Tests of {@link DedupRule}. Golden files live under
 * {@code src/test/resources/dev/ayo4j/plan/golden/DedupRuleTest/}; after an intended change rerun
 * with {@code -Dgolden.update=true}, review the diff and commit it.
 */
class DedupRuleTest {
    /** Two branches that embed, search and rerank the same question, merged by a CONCAT. */
    private static PrimitiveGraph twinBranches() {
        GraphBuilder b = GraphFixture.DEFAULT.withPassages(8).builder();
        NodeId question = b.add("question", new Primitive.Input("question", ValueKind.TEXT));
        NodeId passages = b.add("passages", new Primitive.Input("passages", ValueKind.PASSAGE_LIST));
        NodeId ingest = GraphFixture.DEFAULT.withPassages(8).addIndex(b, passages);
        NodeId concat = b.add("concat", new Primitive.Aggregate(AggregateMode.CONCAT, ValueKind.PASSAGE_LIST, 2, 0));
        for (String branch : new String[] {"a", "b"}) {
            NodeId embed = b.add(branch + ".embed", new Primitive.Embed(GraphFixture.EMBEDDER, 1, 24));
            NodeId search = b.add(branch + ".vsearch", new Primitive.VectorSearch(GraphFixture.VECTORS,
                    GraphFixture.COLLECTION, 1, 5));
            NodeId rerank = b.add(branch + ".rerank", new Primitive.Rerank(GraphFixture.RERANKER, 5, 2));
            b.connect(question, Primitive.Input.VALUE, embed, Primitive.Embed.TEXTS.name());
            b.connect(embed, Primitive.Embed.VECTORS, search, Primitive.VectorSearch.VECTORS);
            b.connect(ingest, Primitive.Ingest.INDEX, search, Primitive.VectorSearch.INDEX);
            b.connect(question, Primitive.Input.VALUE, rerank, Primitive.Rerank.QUERY.name());
            b.connect(search, Primitive.VectorSearch.PASSAGES, rerank, Primitive.Rerank.PASSAGES);
            b.connect(rerank, Primitive.Rerank.PASSAGES.name(), concat, Primitive.Aggregate.port(branch.equals("a") ? 0 : 1));
        }
        NodeId out = b.add("output.context", new Primitive.Output("context", ValueKind.PASSAGE_LIST));
        b.connect(concat, Primitive.Aggregate.OUT, out, Primitive.Output.VALUE);
        return b.build();
    }

    @Test
    void collapsesIdenticalBranchesBottomUp(TestInfo info) {
        Planner.Plan p = planGolden(info, CoreRules.DEDUP, twinBranches());
        PrimitiveGraph out = p.result();
        assertThat(p.steps().getFirst().firings()).isEqualTo(3);
        assertThat(count(out, Primitive.Embed.class)).isEqualTo(2);
        assertThat(out.contains(NodeId.of("a.rerank"))).isTrue();
        assertThat(out.contains(NodeId.of("b.rerank"))).isFalse();
        assertThat(out.incoming(NodeId.of("concat"))).extracting(e -> e.from().node())
                .containsExactly(NodeId.of("a.rerank"), NodeId.of("a.rerank"));
    }

    @Test
    void keepsNodesThatReadDifferentSlices() {
        GraphBuilder b = GraphFixture.DEFAULT.builder();
        NodeId passages = b.add("passages", new Primitive.Input("passages", ValueKind.PASSAGE_LIST));
        NodeId all = b.add("all", new Primitive.Aggregate(AggregateMode.CONCAT, ValueKind.VECTOR_LIST, 2, 0));
        for (int i = 0; i < 2; i++) {
            NodeId e = b.add("embed" + i, new Primitive.Embed(GraphFixture.EMBEDDER, 4, 100));
            b.edge(Edge.sliced(PortRef.of(passages, "value"), PortRef.of(e, "texts"), new Slice(4 * i, 4 * i + 4)));
            b.connect(e, "vectors", all, Primitive.Aggregate.port(i));
        }
        NodeId out = b.add("output.vectors", new Primitive.Output("vectors", ValueKind.VECTOR_LIST));
        b.connect(all, Primitive.Aggregate.OUT, out, Primitive.Output.VALUE);
        PrimitiveGraph g = b.build();
        assertThat(plan(CoreRules.DEDUP, g).result()).isEqualTo(g);
    }

    @Test
    void keepsNodesWithDifferentPrimitives() {
        PrimitiveGraph g = twinBranches().toBuilder()
                .replace(NodeId.of("b.embed"), new Primitive.Embed(GraphFixture.EMBEDDER, 1, 32)).build();
        PrimitiveGraph out = plan(CoreRules.DEDUP, g).result();
        assertThat(out).isEqualTo(g);
    }

    @Test
    void configNeverMergesInputsOrOutputs() {
        assertConfigRejects(() -> DedupRule.Config.DEFAULT.withKinds(Set.of(Primitive.Input.class)), "never merged");
        assertThat(DedupRule.Config.DEFAULT.kinds())
                .doesNotContain(Primitive.Input.class, Primitive.Output.class)
                .contains(Primitive.Embed.class, Primitive.Aggregate.class);
    }
}
