// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ayo4j.GraphValidationException;
import dev.ayo4j.primitive.AggregateMode;
import dev.ayo4j.primitive.Primitive;
import dev.ayo4j.primitive.ValueKind;
import org.junit.jupiter.api.Test;

/** {@link GraphValidator} rejects malformed graphs with messages that name the node and port. */
class GraphValidatorTest {
    private static GraphBuilder withInputs() {
        GraphBuilder b = PrimitiveGraph.builder("bad");
        b.add("question", new Primitive.Input("question", ValueKind.TEXT));
        b.add("passages", new Primitive.Input("passages", ValueKind.PASSAGE_LIST));
        return b;
    }

    @Test
    void rejectsACycleNamingItsNodes() {
        GraphBuilder b = withInputs();
        NodeId a = b.add("a", new Primitive.Aggregate(AggregateMode.CONCAT, ValueKind.PASSAGE_LIST, 2, 0));
        NodeId c = b.add("c", new Primitive.Aggregate(AggregateMode.CONCAT, ValueKind.PASSAGE_LIST, 2, 0));
        NodeId out = b.add("out", new Primitive.Output("context", ValueKind.PASSAGE_LIST));
        b.connect(NodeId.of("passages"), "value", a, "in0");
        b.connect(c, "out", a, "in1");
        b.connect(a, "out", c, "in0");
        b.connect(NodeId.of("passages"), "value", c, "in1");
        b.connect(a, "out", out, "value");
        NodeId q = b.add("output.q", new Primitive.Output("q", ValueKind.TEXT));
        b.connect(NodeId.of("question"), "value", q, "value");
        PrimitiveGraph g = b.buildUnchecked();
        assertThat(GraphValidator.validate(g, Litmus.QUIET)).isFalse();
        assertThatThrownBy(b::build).isInstanceOf(GraphValidationException.class)
                .hasMessageContaining("cycle").hasMessageContaining("a").hasMessageContaining("c -> a");
    }

    @Test
    void rejectsAnUnboundInputPortNamingNodeAndPort() {
        GraphBuilder b = withInputs();
        NodeId embed = b.add("embed", new Primitive.Embed("embedder", 3, 10));
        NodeId ingest = b.add("ingest", new Primitive.Ingest("vectors", "docs", 3));
        NodeId out = b.add("out", new Primitive.Output("index", ValueKind.SIGNAL));
        b.connect(embed, "vectors", ingest, "vectors");
        b.connect(NodeId.of("passages"), "value", ingest, "passages");
        b.connect(ingest, "index", out, "value");
        assertThatThrownBy(b::build).isInstanceOf(GraphValidationException.class)
                .hasMessageContaining("unbound input port embed.texts");
    }

    @Test
    void rejectsASliceByLengthOfAListWithoutTexts() {
        GraphBuilder b = withInputs();
        NodeId embed = b.add("embed", new Primitive.Embed("embedder", 3, 10));
        NodeId ingest = b.add("ingest", new Primitive.Ingest("vectors", "docs", 3));
        NodeId out = b.add("out", new Primitive.Output("index", ValueKind.SIGNAL));
        b.connect(NodeId.of("passages"), "value", embed, "texts");
        b.edge(Edge.sliced(PortRef.of(embed, "vectors"), PortRef.of(ingest, "vectors"), Slice.byLength(0, 3)));
        b.connect(NodeId.of("passages"), "value", ingest, "passages");
        b.connect(ingest, "index", out, "value");
        NodeId q = b.add("output.q", new Primitive.Output("q", ValueKind.TEXT));
        b.connect(NodeId.of("question"), "value", q, "value");
        assertThatThrownBy(b::build).isInstanceOf(GraphValidationException.class)
                .hasMessageContaining("embed.vectors").hasMessageContaining("VECTOR_LIST by length");
    }

    @Test
    void rejectsATypeMismatchNamingBothPorts() {
        GraphBuilder b = withInputs();
        NodeId ingest = b.add("ingest", new Primitive.Ingest("vectors", "docs", 3));
        NodeId out = b.add("out", new Primitive.Output("index", ValueKind.SIGNAL));
        b.connect(NodeId.of("passages"), "value", ingest, "passages");
        b.connect(NodeId.of("question"), "value", ingest, "vectors");
        b.connect(ingest, "index", out, "value");
        assertThatThrownBy(b::build).isInstanceOf(GraphValidationException.class)
                .hasMessageContaining("type mismatch")
                .hasMessageContaining("question.value")
                .hasMessageContaining("ingest.vectors");
    }

    @Test
    void rejectsAStreamEdgeFromANonGenerationPort() {
        GraphBuilder b = withInputs();
        NodeId embed = b.add("embed", new Primitive.Embed("embedder", 1, 10));
        NodeId out = b.add("out", new Primitive.Output("vectors", ValueKind.VECTOR_LIST));
        b.stream(NodeId.of("question"), "value", embed, "texts");
        b.connect(embed, "vectors", out, "value");
        assertThatThrownBy(b::build).isInstanceOf(GraphValidationException.class)
                .hasMessageContaining("STREAM edge").hasMessageContaining("question.value")
                .hasMessageContaining("generation port");
    }

    @Test
    void rejectsAGraphWithNoOutput() {
        GraphBuilder b = PrimitiveGraph.builder("mute");
        NodeId q = b.add("question", new Primitive.Input("question", ValueKind.TEXT));
        NodeId embed = b.add("embed", new Primitive.Embed("embedder", 1, 10));
        b.connect(q, "value", embed, "texts");
        assertThatThrownBy(b::build).isInstanceOf(GraphValidationException.class)
                .hasMessageContaining("graph mute has no output");
    }

    @Test
    void acceptsAWellFormedGraph() {
        GraphBuilder b = withInputs();
        NodeId out = b.add("out", new Primitive.Output("context", ValueKind.PASSAGE_LIST));
        NodeId q = b.add("output.q", new Primitive.Output("q", ValueKind.TEXT));
        b.connect(NodeId.of("passages"), "value", out, "value");
        b.connect(NodeId.of("question"), "value", q, "value");
        assertThat(GraphValidator.validate(b.build(), Litmus.QUIET)).isTrue();
    }
}
