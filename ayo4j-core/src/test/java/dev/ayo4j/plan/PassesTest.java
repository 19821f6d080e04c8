// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.plan;

import static dev.ayo4j.plan.PlanTesting.advancedRag;
import static dev.ayo4j.plan.PlanTesting.count;
import static dev.ayo4j.plan.PlanTesting.plan;
import static dev.ayo4j.plan.PlanTesting.planGolden;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ayo4j.Ayo4jException;
import dev.ayo4j.app.AppOptions;
import dev.ayo4j.app.Apps;
import dev.ayo4j.app.QueryShape;
import dev.ayo4j.graph.Edge;
import dev.ayo4j.graph.EdgeKind;
import dev.ayo4j.graph.GraphValidator;
import dev.ayo4j.graph.Litmus;
import dev.ayo4j.graph.Node;
import dev.ayo4j.graph.NodeId;
import dev.ayo4j.graph.PrimitiveGraph;
import dev.ayo4j.plan.cost.CostModel;
import dev.ayo4j.plan.cost.CriticalPath;
import dev.ayo4j.primitive.AggregateMode;
import dev.ayo4j.primitive.Primitive;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The standard passes on the built-in apps. Golden files (the full {@code Plan.explain()}: the input,
 * then the graph after each pass) live under
 * {@code src/test/resources/dev/ayo4j/plan/golden/PassesTest/}; after an intended change rerun with
 * {@code -Dgolden.update=true}, review the diff and commit it.
 */
class PassesTest {
    private static PrimitiveGraph naiveRag() {
        return Apps.naiveRag(AppOptions.DEFAULT).lower(QueryShape.ofPassages(666));
    }

    private static PrimitiveGraph multiCall() {
        return Apps.multiCall(AppOptions.DEFAULT).lower(QueryShape.ofPassages(0));
    }

    static Stream<Arguments> apps() {
        return Stream.of(Arguments.of("advanced-rag", advancedRag(666)), Arguments.of("advanced-rag-2000",
                advancedRag(2000)), Arguments.of("naive-rag", naiveRag()), Arguments.of("multi-call", multiCall()));
    }

    @Test
    void standardOptimizesAdvancedRag(TestInfo info) {
        Planner.Plan p = planGolden(info, Passes.STANDARD, advancedRag(666));
        PrimitiveGraph out = p.result();

        // micro-batched embed -> ingest chains joined by an ALL aggregate
        List<Node> indexEmbeds = out.nodesOf(Primitive.Embed.class).stream()
                .filter(n -> n.id().value().startsWith("index.embed[")).toList();
        assertThat(indexEmbeds).hasSizeBetween(2, 16);
        assertThat(count(out, Primitive.Ingest.class)).isEqualTo(indexEmbeds.size());
        var all = (Primitive.Aggregate) out.node(NodeId.of("index.ingest.all")).op();
        assertThat(all.mode()).isEqualTo(AggregateMode.ALL);

        // three pipelined expansion branches feeding a TOP_K aggregate
        assertThat(count(out, Primitive.DecodeItem.class)).isEqualTo(3);
        assertThat(count(out, Primitive.VectorSearch.class)).isEqualTo(3);
        assertThat(count(out, Primitive.Rerank.class)).isEqualTo(3);
        assertThat(out.nodesOf(Primitive.Embed.class)).hasSize(indexEmbeds.size() + 3);
        var top = (Primitive.Aggregate) out.node(NodeId.of("rerank.top")).op();
        assertThat(top.mode()).isEqualTo(AggregateMode.TOP_K);
        assertThat(top.arity()).isEqualTo(3);
        for (int i = 0; i < 3; i++) {
            assertThat(out.predecessors(NodeId.of("search.vsearch[" + i + "]")))
                    .contains(NodeId.of("index.ingest.all"), NodeId.of("search.embed[" + i + "]"));
        }

        // the answer's prefix is warmed from the question alone
        assertThat(out.nodesOf(Primitive.PartialPrefill.class)).singleElement()
                .satisfies(n -> assertThat(n.id()).isEqualTo(NodeId.of("generate.prefill.partial")));
        assertThat(out.predecessors(NodeId.of("generate.prefill.partial"))).containsExactly(NodeId.of("question"));
        assertThat(out.predecessors(NodeId.of("generate.prefill")))
                .contains(NodeId.of("generate.prefill.partial"), NodeId.of("rerank.top"));

        // no ordering edges; query expansion starts at once
        assertThat(out.edges()).allMatch(Edge::carriesData);
        assertThat(out.predecessors(NodeId.of("expand.prefill"))).containsExactly(NodeId.of("question"));
        assertThat(out.edges().stream().filter(e -> e.kind() == EdgeKind.STREAM).count()).isEqualTo(4);
    }

    @Test
    void standardOptimizesNaiveRag(TestInfo info) {
        Planner.Plan p = planGolden(info, Passes.STANDARD, naiveRag());
        PrimitiveGraph out = p.result();
        assertThat(count(out, Primitive.Ingest.class)).isGreaterThan(1);
        assertThat(count(out, Primitive.DecodeItem.class)).isZero();
        assertThat(count(out, Primitive.PartialPrefill.class)).isEqualTo(1);
        assertThat(out.predecessors(NodeId.of("search.embed"))).containsExactly(NodeId.of("question"));
    }

    @Test
    void standardOptimizesMultiCall(TestInfo info) {
        Planner.Plan p = planGolden(info, Passes.STANDARD, multiCall());
        PrimitiveGraph out = p.result();
        assertThat(out.nodesOf(Primitive.PartialPrefill.class)).singleElement().satisfies(n -> {
            assertThat(n.id()).isEqualTo(NodeId.of("refine.prefill.partial"));
            assertThat(((Primitive.PartialPrefill) n.op()).template().placeholdersIn(
                    ((Primitive.PartialPrefill) n.op()).segments())).containsExactly("question");
        });
        assertThat(out.predecessors(NodeId.of("refine.prefill.partial"))).containsExactly(NodeId.of("question"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("apps")
    void standardIsAFixpoint(String name, PrimitiveGraph g) {
        PrimitiveGraph once = plan(Passes.STANDARD, g).result();
        Planner.Plan twice = plan(Passes.STANDARD, once);
        assertThat(twice.result()).isEqualTo(once);
        assertThat(twice.steps()).allSatisfy(s -> assertThat(s.firings()).isZero());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("apps")
    void everyPassLeavesAValidGraph(String name, PrimitiveGraph g) {
        Planner.Plan p = new Planner(Passes.STANDARD, new PlannerContext(CostModel.defaults(), false)).optimize(g);
        assertThat(p.steps()).hasSize(Passes.STANDARD.size());
        for (Planner.Step s : p.steps()) {
            assertThat(GraphValidator.validate(s.graph(), Litmus.QUIET)).as("after %s", s.pass()).isTrue();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("apps")
    void criticalPathDoesNotGrow(String name, PrimitiveGraph g) {
        CostModel model = CostModel.defaults();
        Planner.Plan p = plan(Passes.STANDARD, g);
        double before = CriticalPath.length(g, model);
        double previous = before;
        for (Planner.Step s : p.steps()) {
            double now = CriticalPath.length(s.graph(), model);
            assertThat(now).as("critical path after %s", s.pass()).isLessThanOrEqualTo(previous);
            previous = now;
        }
        if (!name.equals("multi-call")) {
            assertThat(previous).isLessThan(before);
        }
    }

    @Test
    void plansTwoThousandPassagesIntoTheExpectedShape() {
        PrimitiveGraph out = plan(Passes.STANDARD, advancedRag(2000)).result();
        assertThat(count(out, Primitive.Ingest.class)).isBetween(4, 16);
        assertThat(out.nodesOf(Primitive.Ingest.class)).allSatisfy(
                n -> assertThat(((Primitive.Ingest) n.op()).items()).isLessThanOrEqualTo(
                        CostModel.defaults().maxBatch(GraphFixture.EMBEDDER)));
        assertThat(count(out, Primitive.DecodeItem.class)).isEqualTo(3);
        assertThat(count(out, Primitive.PartialPrefill.class)).isEqualTo(1);
    }

    @Test
    void noneLeavesTheGraphAsLowered() {
        PrimitiveGraph g = advancedRag(666);
        Planner.Plan p = plan(Passes.NONE, g);
        assertThat(p.result()).isSameAs(g);
        assertThat(p.steps()).isEmpty();
    }

    @Test
    void standardRunsAyosPassesInCanonicalOrderThenProgressivePrefillHoistRerankShareAndDedup() {
        assertThat(Passes.STANDARD).containsExactly(Passes.DEPENDENCY_PRUNE, Passes.STAGE_DECOMPOSE,
                Passes.PREFILL_SPLIT, Passes.DECODE_PIPELINE, Passes.PROGRESSIVE_PREFILL, Passes.HOIST,
                Passes.RERANK_SHARE, Passes.DEDUP);
        assertThat(Passes.STANDARD).extracting(Pass::name).doesNotHaveDuplicates();
    }

    @Test
    void byNamesResolvesNamesInOrder() {
        assertThat(Passes.byNames("prefill-split, Dependency-Prune"))
                .containsExactly(Passes.PREFILL_SPLIT, Passes.DEPENDENCY_PRUNE);
        assertThat(Passes.byNames("standard")).isEqualTo(Passes.STANDARD);
        assertThat(Passes.byNames("none")).isEmpty();
        assertThat(Passes.byNames("")).isEmpty();
        assertThat(Passes.byNames("dedup,dedup")).containsExactly(Passes.DEDUP);
    }

    @Test
    void byNamesRejectsUnknownPassNamingTheKnownOnes() {
        assertThatThrownBy(() -> Passes.byNames("dependency-prune,fuse"))
                .isInstanceOf(Ayo4jException.class)
                .hasMessageContaining("'fuse'")
                .hasMessageContaining("dependency-prune")
                .hasMessageContaining("decode-pipeline");
        assertThatThrownBy(() -> Passes.byNames("dedup,,prefill-split"))
                .isInstanceOf(Ayo4jException.class).hasMessageContaining("empty pass name");
    }
}
