// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.graph;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ayo4j.primitive.Primitive;
import dev.ayo4j.primitive.ValueKind;
import org.junit.jupiter.api.Test;

/** Queries over a {@link PrimitiveGraph}. */
class PrimitiveGraphTest {
    @Test
    void reachingOutputsFollowsOnlyTheEdgesItIsGivenBackFromTheOutputs() {
        GraphBuilder b = PrimitiveGraph.builder("reach");
        NodeId q = b.add("question", new Primitive.Input("question", ValueKind.TEXT));
        NodeId used = b.add("used", new Primitive.Embed("enc", 1, 8));
        NodeId ordered = b.add("ordered", new Primitive.Embed("enc", 1, 8));
        NodeId out = b.add("output.vectors", new Primitive.Output("vectors", ValueKind.VECTOR_LIST));
        b.connect(q, Primitive.Input.VALUE, used, Primitive.Embed.TEXTS.name());
        b.connect(q, Primitive.Input.VALUE, ordered, Primitive.Embed.TEXTS.name());
        b.order(ordered, used);
        b.connect(used, Primitive.Embed.VECTORS.name(), out, Primitive.Output.VALUE);
        PrimitiveGraph g = b.buildUnchecked();

        assertThat(g.reachingOutputs(_ -> true)).containsExactlyInAnyOrder(q, used, ordered, out);
        assertThat(g.reachingOutputs(Edge::carriesData)).containsExactlyInAnyOrder(q, used, out);
        assertThat(g.reachingOutputs(_ -> false)).containsExactly(out);
    }
}
