// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ayo4j.GraphValidationException;
import dev.ayo4j.graph.Edge;
import dev.ayo4j.graph.NodeId;
import dev.ayo4j.graph.PortRef;
import dev.ayo4j.graph.PrimitiveGraph;
import dev.ayo4j.plan.cost.CostModel;
import dev.ayo4j.primitive.Port;
import dev.ayo4j.primitive.Primitive;
import dev.ayo4j.primitive.ValueKind;
import java.util.List;
import org.junit.jupiter.api.Test;

/** User steps in apps: their checks and how they lower. */
class StepModuleTest {
    /** Advanced-rag with a filter step between search and rerank and a formatting step at the end. */
    static App withSteps() {
        return StepApps.ragWithSteps("rag-with-steps", AppOptions.DEFAULT);
    }

    @Test
    void aStepLowersToOneLocalPrimitiveWithAPortPerValueItReads() {
        PrimitiveGraph g = withSteps().lower(QueryShape.ofPassages(40));
        Primitive.Step recent = (Primitive.Step) g.node(NodeId.of("recent")).op();
        assertThat(recent.name()).isEqualTo("keep-recent");
        assertThat(recent.inputs()).containsExactly(Port.passages("candidates"));
        assertThat(recent.result()).isEqualTo(Port.of(Primitive.Step.RESULT, ValueKind.PASSAGE_LIST));
        assertThat(g.incoming(NodeId.of("recent"))).extracting(Edge::from, Edge::to).containsExactly(
                org.assertj.core.groups.Tuple.tuple(PortRef.of(NodeId.of("search.vsearch"),
                        Primitive.VectorSearch.PASSAGES), PortRef.of(NodeId.of("recent"), Port.passages("candidates"))));
        assertThat(g.outgoing(NodeId.of("recent"))).extracting(e -> e.to())
                .containsExactly(PortRef.of(NodeId.of("rerank"), Primitive.Rerank.PASSAGES));
        Primitive.Step format = (Primitive.Step) g.node(NodeId.of("format")).op();
        assertThat(format.inputs()).containsExactly(Port.text("answer"), Port.passages("context"));
        assertThat(format.describe()).isEqualTo("Step(cite, in=[answer:TEXT, context:PASSAGE_LIST], out=TEXT)");
    }

    @Test
    void aStepCostsAsALocalPrimitiveUnlessProfiled() {
        Primitive.Step step = new Primitive.Step("keep-recent", List.of(Port.passages("candidates")),
                ValueKind.PASSAGE_LIST);
        assertThat(CostModel.defaults().millis(step)).isZero();
        assertThat(CostModel.defaults().withProfile(CostModel.LOCAL, "Step",
                dev.ayo4j.plan.cost.CostProfile.of(50, 0, 0)).millis(step)).isEqualTo(50.0);
    }

    @Test
    void aStepThatReadsAnUndefinedValueIsRejectedNamingTheModuleAndValue() {
        assertThatThrownBy(() -> App.builder("bad").input("question", ValueKind.TEXT)
                .then(new Module.Step("tool", "weather", List.of("city"), ValueKind.TEXT, "forecast"))
                .output("forecast").build())
                .isInstanceOf(GraphValidationException.class)
                .hasMessageContaining("module tool").hasMessageContaining("'city'")
                .hasMessageContaining("step 'weather'");
    }

    @Test
    void aStepsResultIsTypedForTheModulesAfterIt() {
        assertThatThrownBy(() -> App.builder("bad").input("question", ValueKind.TEXT)
                .then(new Module.Step("tool", "weather", List.of("question"), ValueKind.TEXT, "forecast"))
                .then(new Module.Rerank("rerank", "question", "forecast", 3, "context"))
                .output("context").build())
                .isInstanceOf(GraphValidationException.class)
                .hasMessageContaining("module rerank").hasMessageContaining("'forecast' of kind TEXT");
    }

    @Test
    void malformedStepsAreRejectedWhenDeclared() {
        assertThatThrownBy(() -> new Module.Step("s", " ", List.of("a"), ValueKind.TEXT, "b"))
                .hasMessageContaining("names no step function");
        assertThatThrownBy(() -> new Module.Step("s", "f", List.of(), ValueKind.TEXT, "b"))
                .hasMessageContaining("reads no value");
        assertThatThrownBy(() -> new Module.Step("s", "f", List.of("a", "a"), ValueKind.TEXT, "b"))
                .hasMessageContaining("reads a value twice");
        assertThatThrownBy(() -> new Primitive.Step("f", List.of(Port.generation("g")), ValueKind.TEXT))
                .hasMessageContaining("cannot read a live generation");
        assertThatThrownBy(() -> new Primitive.Step("f", List.of(Port.text("a")), ValueKind.GENERATION))
                .hasMessageContaining("cannot return a live generation");
    }
}
