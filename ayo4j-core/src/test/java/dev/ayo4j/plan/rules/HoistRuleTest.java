// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.plan.rules;

import static dev.ayo4j.plan.PlanTesting.plan;
import static dev.ayo4j.plan.PlanTesting.planGolden;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ayo4j.app.App;
import dev.ayo4j.app.AppOptions;
import dev.ayo4j.app.Apps;
import dev.ayo4j.app.ContextOrder;
import dev.ayo4j.app.EngineBinding;
import dev.ayo4j.app.Role;
import dev.ayo4j.app.Module;
import dev.ayo4j.app.QueryShape;
import dev.ayo4j.graph.Node;
import dev.ayo4j.graph.NodeId;
import dev.ayo4j.graph.PrimitiveGraph;
import dev.ayo4j.plan.Pass;
import dev.ayo4j.plan.Passes;
import dev.ayo4j.plan.Planner;
import dev.ayo4j.plan.PlannerContext;
import dev.ayo4j.plan.Program;
import dev.ayo4j.primitive.Primitive;
import dev.ayo4j.primitive.RerankScoring;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * Tests of {@link HoistRule}. Golden files live under
 * {@code src/test/resources/dev/ayo4j/plan/golden/HoistRuleTest/}; after an intended change rerun
 * with {@code -Dgolden.update=true}, review the diff and commit it.
 */
class HoistRuleTest {
    private static final String RERANKER = EngineBinding.DEFAULT.engine(Role.RERANKER);

    @Test
    void embedsTheIngestedPassagesWithTheReranker(TestInfo info) {
        PrimitiveGraph g = Apps.ingest().lower(QueryShape.ofPassages(40));
        Planner.Plan p = planGolden(info, CoreRules.HOIST, g);
        PrimitiveGraph out = p.result();
        assertThat(p.steps().getFirst().firings()).isEqualTo(1);
        var ingest = (Primitive.Ingest) out.node(NodeId.of("index.ingest")).op();
        assertThat(ingest.reranker()).isEqualTo(RERANKER);
        assertThat(ingest.inputs()).contains(Primitive.Ingest.RERANK_VECTORS);
        var embed = (Primitive.Embed) out.node(NodeId.of("index.ingest.rerank-embed")).op();
        assertThat(embed.engine()).isEqualTo(RERANKER);
        assertThat(embed.items()).isEqualTo(40);
        assertThat(out.predecessors(NodeId.of("index.ingest.rerank-embed"))).containsExactly(NodeId.of("passages"));
    }

    @Test
    void readsStoredVectorsInEachBranchOfAnExpandedQuery(TestInfo info) {
        PrimitiveGraph g = Apps.advancedRagOverCollection(AppOptions.DEFAULT).lower(QueryShape.ofPassages(0));
        Planner.Plan p = planGolden(info, List.of(Passes.DECODE_PIPELINE, Passes.HOIST), g);
        PrimitiveGraph out = p.result();
        List<Node> reranks = out.nodesOf(Primitive.Rerank.class);
        assertThat(reranks).hasSize(AppOptions.DEFAULT.expansions())
                .allSatisfy(n -> assertThat(((Primitive.Rerank) n.op()).storedVectors()).isTrue());
        var model = PlannerContext.defaults().costModel();
        var before = g.nodesOf(Primitive.Rerank.class).getFirst().op();
        assertThat(model.millis(reranks.getFirst().op())).isLessThan(model.millis(before));
    }

    @Test
    void leavesAPairScoredRerankerAtQueryTimeAndSaysSo(TestInfo info) {
        App app = App.builder("rag-cross-encoder")
                .input(Apps.QUESTION.name(), Apps.QUESTION.kind())
                .input(Apps.INDEX.name(), Apps.INDEX.kind())
                .then(new Module.Search("search", Apps.QUESTION.name(), Apps.INDEX.name(), 10, "candidates"))
                .then(new Module.Rerank("rerank", Apps.QUESTION.name(), "candidates", 3, Apps.CONTEXT.name(),
                        ContextOrder.SCORE))
                .output(Apps.CONTEXT.name())
                .build();
        Planner.Plan p = planGolden(info, CoreRules.HOIST, pairScored(app.lower(QueryShape.ofPassages(0))));
        assertThat(p.steps().getFirst().firings()).isZero();
        assertThat(p.explain()).contains("pair-scored: passages scored at query time");

        HoistRule cross = HoistRule.Config.DEFAULT.withReranker("reranker", RerankScoring.PAIR).toRule();
        Planner.Plan ingest = plan(cross, Apps.ingest().lower(QueryShape.ofPassages(40)));
        assertThat(ingest.steps().getFirst().firings()).isZero();
    }

    @Test
    void leavesAQueryThatIngestsItsOwnPassagesAlone() {
        // embedding all 40 passages with the reranker would be more work than the 20 candidates it scores
        PrimitiveGraph g = Apps.naiveRag(AppOptions.DEFAULT).lower(QueryShape.ofPassages(40));
        Planner.Plan p = plan(CoreRules.HOIST, g);
        assertThat(p.steps().getFirst().firings()).isZero();
        assertThat(p.result()).isEqualTo(g);
    }

    @Test
    void hoistsIntoEveryMicroBatchOfADecomposedIngestOnce() {
        PrimitiveGraph g = Apps.ingest().lower(QueryShape.ofPassages(666));
        Planner.Plan p = plan(Passes.STANDARD, g);
        PrimitiveGraph out = p.result();
        List<Node> ingests = out.nodesOf(Primitive.Ingest.class);
        assertThat(ingests).hasSizeGreaterThan(1)
                .allSatisfy(n -> assertThat(((Primitive.Ingest) n.op()).reranker()).isEqualTo("reranker"));
        long rerankEmbeds = out.nodesOf(Primitive.Embed.class).stream()
                .filter(n -> ((Primitive.Embed) n.op()).engine().equals("reranker")).count();
        assertThat(rerankEmbeds).isEqualTo(ingests.size());
        Planner.Plan again = plan(List.of(new Pass("hoist", Program.of(CoreRules.HOIST))), out);
        assertThat(again.steps().getFirst().firings()).isZero();
    }

    @Test
    void keepsNoVectorsForARerankerThatDeclaresNoEmbed() {
        PrimitiveGraph g = Apps.ingest().lower(QueryShape.ofPassages(40));
        var remoteRerank = new dev.ayo4j.spi.EngineCapabilities(
                java.util.Set.of(Primitive.Rerank.class), 32, 8192, 1);
        var context = dev.ayo4j.plan.PlannerContext.defaults().withCostModel(
                dev.ayo4j.plan.cost.CostModel.defaults().withEngine(RERANKER, remoteRerank));
        Planner.Plan p = new Planner(List.of(new Pass("hoist", Program.of(CoreRules.HOIST))), context).optimize(g);
        assertThat(p.result().nodesOf(Primitive.Embed.class)).hasSize(g.nodesOf(Primitive.Embed.class).size());
        var ingest = (Primitive.Ingest) p.result().node(NodeId.of("index.ingest")).op();
        assertThat(ingest.reranker()).isNull();
    }

    @Test
    void aRerankWhoseEngineDeclaresNoEmbedIsPairScoredNotHoisted() {
        PrimitiveGraph g = Apps.advancedRagOverCollection(AppOptions.DEFAULT).lower(QueryShape.ofPassages(0));
        var crossEncoder = new dev.ayo4j.spi.EngineCapabilities(java.util.Set.of(Primitive.Rerank.class), 32, 8192, 1);
        var context = dev.ayo4j.plan.PlannerContext.defaults().withCostModel(
                dev.ayo4j.plan.cost.CostModel.defaults().withEngine(RERANKER, crossEncoder));
        Planner.Plan p = new Planner(List.of(new Pass("hoist", Program.of(CoreRules.HOIST))), context).optimize(g);

        assertThat(p.result().nodesOf(Primitive.Rerank.class)).isNotEmpty().allSatisfy(n -> {
            var r = (Primitive.Rerank) n.op();
            assertThat(r.scoring()).isEqualTo(RerankScoring.PAIR);
            assertThat(r.storedVectors()).isFalse();
        });
        assertThat(p.explain()).contains("pair-scored: passages scored at query time")
                .doesNotContain("stored passage vectors");
        Planner.Plan again = new Planner(List.of(new Pass("hoist", Program.of(CoreRules.HOIST))), context)
                .optimize(p.result());
        assertThat(again.steps().getFirst().firings()).as("a pair-scored rerank is left alone").isZero();
    }

    /** {@code g} with every rerank scored by pair, as a cross-encoder scores. */
    private static PrimitiveGraph pairScored(PrimitiveGraph g) {
        var b = g.toBuilder();
        for (var n : g.nodesOf(Primitive.Rerank.class)) {
            var r = (Primitive.Rerank) n.op();
            b.replace(n.id(), new Primitive.Rerank(r.engine(), r.candidates(), r.topK(), RerankScoring.PAIR, false));
        }
        return b.build();
    }
}
