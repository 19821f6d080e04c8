// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ayo4j.GraphValidationException;
import dev.ayo4j.primitive.AggregateMode;
import dev.ayo4j.primitive.Primitive;
import dev.ayo4j.primitive.ValueKind;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

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
        b.connect(a, Primitive.Aggregate.OUT, out, Primitive.Output.VALUE);
        NodeId q = b.add("output.q", new Primitive.Output("q", ValueKind.TEXT));
        b.connect(NodeId.of("question"), Primitive.Input.VALUE, q, Primitive.Output.VALUE);
        PrimitiveGraph g = b.buildUnchecked();
        assertThat(GraphValidator.validate(g, Litmus.QUIET)).isFalse();
        assertThatThrownBy(b::build).isInstanceOf(GraphValidationException.class)
                .hasMessageContaining("cycle").hasMessageContaining("a").hasMessageContaining("c -> a");
    }

    /**
     * Adds an embed of three texts and an ingest fed the passages, whose index goes to an output; how
     * the embed's texts and vectors are bound is left to the test.
     */
    private static NodeId addEmbedAndIngest(GraphBuilder b) {
        NodeId embed = b.add("embed", new Primitive.Embed("embedder", 3, 10));
        NodeId ingest = b.add("ingest", new Primitive.Ingest("vectors", "docs", 3));
        NodeId out = b.add("out", new Primitive.Output("index", ValueKind.SIGNAL));
        b.connect(NodeId.of("passages"), Primitive.Input.VALUE, ingest, Primitive.Ingest.PASSAGES.name());
        b.connect(ingest, Primitive.Ingest.INDEX.name(), out, Primitive.Output.VALUE);
        return embed;
    }

    @Test
    void rejectsAnUnboundInputPortNamingNodeAndPort() {
        GraphBuilder b = withInputs();
        NodeId embed = addEmbedAndIngest(b);
        b.connect(embed, Primitive.Embed.VECTORS, NodeId.of("ingest"), Primitive.Ingest.VECTORS);
        assertThatThrownBy(b::build).isInstanceOf(GraphValidationException.class)
                .hasMessageContaining("unbound input port embed.texts");
    }

    @Test
    void rejectsASliceByLengthOfAListWithoutTexts() {
        GraphBuilder b = withInputs();
        NodeId embed = addEmbedAndIngest(b);
        b.connect(NodeId.of("passages"), Primitive.Input.VALUE, embed, Primitive.Embed.TEXTS.name());
        b.edge(Edge.sliced(PortRef.of(embed, "vectors"), PortRef.of("ingest", "vectors"), Slice.byLength(0, 3)));
        NodeId q = b.add("output.q", new Primitive.Output("q", ValueKind.TEXT));
        b.connect(NodeId.of("question"), Primitive.Input.VALUE, q, Primitive.Output.VALUE);
        assertThatThrownBy(b::build).isInstanceOf(GraphValidationException.class)
                .hasMessageContaining("embed.vectors").hasMessageContaining("VECTOR_LIST by length");
    }

    @Test
    void rejectsATypeMismatchNamingBothPorts() {
        GraphBuilder b = withInputs();
        NodeId ingest = b.add("ingest", new Primitive.Ingest("vectors", "docs", 3));
        NodeId out = b.add("out", new Primitive.Output("index", ValueKind.SIGNAL));
        b.connect(NodeId.of("passages"), Primitive.Input.VALUE, ingest, Primitive.Ingest.PASSAGES.name());
        b.connect(NodeId.of("question"), Primitive.Input.VALUE, ingest, Primitive.Ingest.VECTORS.name());
        b.connect(ingest, Primitive.Ingest.INDEX.name(), out, Primitive.Output.VALUE);
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
        b.stream(NodeId.of("question"), Primitive.Input.VALUE, embed, Primitive.Embed.TEXTS.name());
        b.connect(embed, Primitive.Embed.VECTORS.name(), out, Primitive.Output.VALUE);
        assertThatThrownBy(b::build).isInstanceOf(GraphValidationException.class)
                .hasMessageContaining("STREAM edge").hasMessageContaining("question.value")
                .hasMessageContaining("generation port");
    }

    @Test
    void rejectsAGraphWithNoOutput() {
        GraphBuilder b = PrimitiveGraph.builder("mute");
        NodeId q = b.add("question", new Primitive.Input("question", ValueKind.TEXT));
        NodeId embed = b.add("embed", new Primitive.Embed("embedder", 1, 10));
        b.connect(q, Primitive.Input.VALUE, embed, Primitive.Embed.TEXTS.name());
        assertThatThrownBy(b::build).isInstanceOf(GraphValidationException.class)
                .hasMessageContaining("graph mute has no output");
    }

    @Test
    void acceptsAWellFormedGraph() {
        GraphBuilder b = withInputs();
        NodeId out = b.add("out", new Primitive.Output("context", ValueKind.PASSAGE_LIST));
        NodeId q = b.add("output.q", new Primitive.Output("q", ValueKind.TEXT));
        b.connect(NodeId.of("passages"), Primitive.Input.VALUE, out, Primitive.Output.VALUE);
        b.connect(NodeId.of("question"), Primitive.Input.VALUE, q, Primitive.Output.VALUE);
        assertThat(GraphValidator.validate(b.build(), Litmus.QUIET)).isTrue();
    }

    /** A node with 100,000 consumers: the cycle check was quadratic in a node's fan-out and never ended. */
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void validatesAWideGraphInLinearTime() {
        GraphBuilder b = PrimitiveGraph.builder("wide");
        NodeId q = b.add("question", new Primitive.Input("question", ValueKind.TEXT));
        for (int i = 0; i < 100_000; i++) {
            NodeId out = b.add("out" + i, new Primitive.Output("answer" + i, ValueKind.TEXT));
            b.connect(q, "value", out, "value");
        }
        assertThat(GraphValidator.validate(b.buildUnchecked(), Litmus.QUIET)).isTrue();
    }

    /** An aggregate of 100,000 inputs: each edge's port lookup listed all its ports. */
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void validatesAWideAggregateInLinearTime() {
        int n = 100_000;
        GraphBuilder b = PrimitiveGraph.builder("fan-in");
        NodeId agg = b.add("agg", new Primitive.Aggregate(AggregateMode.CONCAT, ValueKind.PASSAGE_LIST, n, 0));
        for (int i = 0; i < n; i++) {
            NodeId in = b.add("p" + i, new Primitive.Input("p" + i, ValueKind.PASSAGE_LIST));
            b.connect(in, "value", agg, Primitive.Aggregate.port(i));
        }
        NodeId out = b.add("out", new Primitive.Output("context", ValueKind.PASSAGE_LIST));
        b.connect(agg, "out", out, "value");
        assertThat(GraphValidator.validate(b.buildUnchecked(), Litmus.QUIET)).isTrue();
        assertThat(new Primitive.Aggregate(AggregateMode.CONCAT, ValueKind.PASSAGE_LIST, 3, 0).input("in3")).isNull();
        assertThat(new Primitive.Aggregate(AggregateMode.CONCAT, ValueKind.PASSAGE_LIST, 3, 0).input("in01")).isNull();
        assertThat(new Primitive.Aggregate(AggregateMode.CONCAT, ValueKind.PASSAGE_LIST, 3, 0).input("in2")).isNotNull();
    }
}
