// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.plan.rules;

import static dev.ayo4j.plan.PlanTesting.advancedRag;
import static dev.ayo4j.plan.PlanTesting.assertConfigRejects;
import static dev.ayo4j.plan.PlanTesting.count;
import static dev.ayo4j.plan.PlanTesting.plan;
import static dev.ayo4j.plan.PlanTesting.planGolden;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ayo4j.graph.Edge;
import dev.ayo4j.graph.GraphBuilder;
import dev.ayo4j.graph.NodeId;
import dev.ayo4j.graph.PrimitiveGraph;
import dev.ayo4j.graph.Slice;
import dev.ayo4j.plan.GraphFixture;
import dev.ayo4j.plan.Pass;
import dev.ayo4j.plan.Passes;
import dev.ayo4j.plan.Planner;
import dev.ayo4j.plan.PlannerContext;
import dev.ayo4j.plan.Program;
import dev.ayo4j.plan.cost.CostModel;
import dev.ayo4j.primitive.AggregateMode;
import dev.ayo4j.primitive.Primitive;
import dev.ayo4j.primitive.ValueKind;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Tests of {@link StageDecomposeRule}. Golden files live under
 * {@code src/test/resources/dev/ayo4j/plan/golden/StageDecomposeRuleTest/}; after an intended change
 * rerun with {@code -Dgolden.update=true}, review the diff and commit it.
 */
class StageDecomposeRuleTest {
    @Test
    void decomposesSharedIndexIntoMicroBatches(TestInfo info) {
        Planner.Plan p = planGolden(info, CoreRules.STAGE_DECOMPOSE,
                withIndependentEmbed(GraphFixture.DEFAULT.withPassages(100).retrieval()));
        PrimitiveGraph out = p.result();
        assertThat(count(out, Primitive.Ingest.class)).isGreaterThan(1);
        assertThat(out.node(NodeId.of("search.vsearch")).op()).isInstanceOf(Primitive.VectorSearch.class);
        assertThat(out.predecessors(NodeId.of("search.vsearch"))).contains(NodeId.of("index.ingest.all"));
    }

    @Test
    void decomposesAdvancedRagIndex(TestInfo info) {
        planGolden(info, List.of(Passes.DEPENDENCY_PRUNE, Passes.STAGE_DECOMPOSE), advancedRag(666));
    }

    @ParameterizedTest
    @ValueSource(ints = {666, 2000})
    void slicesPartitionThePassagesExactly(int passages) {
        PrimitiveGraph out = plan(CoreRules.STAGE_DECOMPOSE, GraphFixture.DEFAULT.withPassages(passages).retrieval())
                .result();
        List<Primitive.Embed> chunks = out.nodesOf(Primitive.Embed.class).stream()
                .filter(n -> n.id().value().startsWith("index.embed["))
                .map(n -> (Primitive.Embed) n.op()).toList();
        assertThat(chunks.size()).isBetween(2, 16);
        List<Slice> slices = out.edges().stream()
                .filter(e -> e.to().port().equals("texts") && e.slice() != null)
                .map(Edge::slice).sorted(Comparator.comparingInt(Slice::from)).toList();
        assertThat(slices).hasSize(chunks.size()).allSatisfy(s -> assertThat(s.order()).isEqualTo(Slice.Order.LENGTH));
        assertThat(slices.getFirst().from()).isZero();
        assertThat(slices.getLast().to()).isEqualTo(passages);
        for (int i = 1; i < slices.size(); i++) {
            assertThat(slices.get(i).from()).isEqualTo(slices.get(i - 1).to());
            assertThat(slices.get(i).size()).isLessThanOrEqualTo(slices.getFirst().size());
        }
        assertThat(chunks.stream().mapToInt(Primitive.Embed::items).sum()).isEqualTo(passages);
        Primitive.Aggregate all = (Primitive.Aggregate) out.node(NodeId.of("index.ingest.all")).op();
        assertThat(all.mode()).isEqualTo(AggregateMode.ALL);
        assertThat(all.kind()).isEqualTo(ValueKind.SIGNAL);
        assertThat(all.arity()).isEqualTo(chunks.size());
        assertThat(out.incoming(NodeId.of("index.ingest.all"))).hasSize(chunks.size());
    }

    @Test
    void eachMicroBatchChainIsOneToOne() {
        PrimitiveGraph out = plan(CoreRules.STAGE_DECOMPOSE, GraphFixture.DEFAULT.retrieval()).result();
        for (var embed : out.nodesOf(Primitive.Embed.class)) {
            if (!embed.id().value().startsWith("index.embed[")) {
                continue;
            }
            String suffix = embed.id().value().substring("index.embed".length());
            NodeId ingest = NodeId.of("index.ingest" + suffix);
            assertThat(out.successors(embed.id())).containsExactly(ingest);
            Edge texts = out.incoming(embed.id()).getFirst();
            Edge passages = out.incoming(ingest).stream().filter(e -> e.to().port().equals("passages"))
                    .findFirst().orElseThrow();
            assertThat(passages.slice()).isEqualTo(texts.slice());
            assertThat(((Primitive.Ingest) out.node(ingest).op()).items()).isEqualTo(texts.slice().size());
        }
    }

    @Test
    void keepsSmallUnsharedIndexWhole() {
        PrimitiveGraph g = GraphFixture.DEFAULT.withPassages(5).index();
        assertThat(plan(CoreRules.STAGE_DECOMPOSE, g).result()).isEqualTo(g);
    }

    @Test
    void decomposesLargeUnsharedIndexToOverlapIngest() {
        PrimitiveGraph out = plan(CoreRules.STAGE_DECOMPOSE, GraphFixture.DEFAULT.index()).result();
        assertThat(count(out, Primitive.Ingest.class)).isGreaterThan(1);
    }

    @Test
    void declinesEmbedWithTwoConsumers() {
        PrimitiveGraph g = GraphFixture.withOutput(GraphFixture.DEFAULT.index(), "index.embed",
                Primitive.Embed.VECTORS.name(), "vectors", ValueKind.VECTOR_LIST);
        assertThat(plan(CoreRules.STAGE_DECOMPOSE, g).result()).isEqualTo(g);
    }

    @Test
    void aSharerWhoseSearchNeedsTheIndexDoesNotCount() {
        PrimitiveGraph g = GraphFixture.DEFAULT.retrieval();
        assertThat(StageDecomposeRule.sharers(g, g.node(NodeId.of("index.embed")), g.node(NodeId.of("index.ingest"))))
                .isZero();
    }

    @Test
    void aSharerWithAConsumerIndependentOfTheIndexCounts() {
        PrimitiveGraph g = withIndependentEmbed(GraphFixture.DEFAULT.retrieval());
        assertThat(StageDecomposeRule.sharers(g, g.node(NodeId.of("index.embed")), g.node(NodeId.of("index.ingest"))))
                .isEqualTo(1);
    }

    @Test
    void cutsFewerMicroBatchesWhenNoSharerCanBeDelayed() {
        int hidden = count(plan(CoreRules.STAGE_DECOMPOSE, GraphFixture.DEFAULT.retrieval()).result(),
                Primitive.Ingest.class);
        int shared = count(plan(CoreRules.STAGE_DECOMPOSE, withIndependentEmbed(GraphFixture.DEFAULT.retrieval()))
                .result(), Primitive.Ingest.class);
        assertThat(hidden).isBetween(2, 8);
        assertThat(shared).isGreaterThan(hidden);
    }

    /** {@code g} plus an embedding of the question that feeds an output of its own, not the search. */
    private static PrimitiveGraph withIndependentEmbed(PrimitiveGraph g) {
        GraphBuilder b = g.toBuilder();
        NodeId embed = b.add("other.embed", new Primitive.Embed(GraphFixture.EMBEDDER, 1, 24));
        NodeId out = b.add("output.vectors", new Primitive.Output("vectors", ValueKind.VECTOR_LIST));
        b.connect(NodeId.of("question"), Primitive.Input.VALUE, embed, Primitive.Embed.TEXTS.name());
        b.connect(embed, Primitive.Embed.VECTORS.name(), out, Primitive.Output.VALUE);
        return b.build();
    }

    @Test
    void respectsEngineBatchLimit() {
        CostModel model = CostModel.defaults().withMaxBatch(GraphFixture.EMBEDDER, 32);
        PrimitiveGraph g = GraphFixture.DEFAULT.withPassages(2000).retrieval();
        Pass pass = new Pass("decompose", Program.of(CoreRules.STAGE_DECOMPOSE));
        PrimitiveGraph out = new Planner(List.of(pass), PlannerContext.defaults().withCostModel(model))
                .optimize(g).result();
        assertThat(out.nodesOf(Primitive.Embed.class)).allSatisfy(
                n -> assertThat(((Primitive.Embed) n.op()).items()).isLessThanOrEqualTo(32));
        assertThat(count(out, Primitive.Ingest.class)).isEqualTo(63);
    }

    @Test
    void chooseBeatsTheWholeByTheDocumentedFormula() {
        StageDecomposeRule rule = StageDecomposeRule.Config.DEFAULT.withMaxMicroBatches(4).toRule();
        var embed = new Primitive.Embed("e", 400, 150);
        var ingest = new Primitive.Ingest("v", "c", 400);
        CostModel model = CostModel.defaults();
        StageDecomposeRule.Choice c = rule.choose(embed, ingest, 1, model);
        assertThat(c).isNotNull();
        assertThat(c.chunks()).isEqualTo(4);
        double e = model.millis(embed.withItems(100));
        double i = model.millis(ingest.withItems(100));
        double perCall = rule.config().perCallOverheadMs();
        assertThat(c.cost()).isCloseTo(e + i + 3 * Math.max(e, i) + 4 * perCall + e / 2,
                org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void configRejectsBadValues() {
        assertConfigRejects(() -> StageDecomposeRule.Config.DEFAULT.withMaxMicroBatches(1), "maxMicroBatches");
        assertConfigRejects(() -> StageDecomposeRule.Config.DEFAULT.withPerCallOverheadMs(-1), "perCallOverheadMs");
    }
}
