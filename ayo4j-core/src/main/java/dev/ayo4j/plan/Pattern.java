// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.plan;

import dev.ayo4j.graph.Node;
import dev.ayo4j.graph.PrimitiveGraph;
import dev.ayo4j.primitive.Primitive;
import java.util.Objects;
import java.util.function.BiPredicate;

/**
 * What a {@link Rule} matches: nodes of a primitive class for which a predicate holds, the predicate
 * seeing the node and the graph around it (its producers and consumers).
 */
public record Pattern(Class<? extends Primitive> type, BiPredicate<Node, PrimitiveGraph> predicate) {
    public Pattern {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(predicate, "predicate");
    }

    /** Every node of {@code type}. */
    public static Pattern of(Class<? extends Primitive> type) {
        return new Pattern(type, (_, _) -> true);
    }

    /** Nodes of {@code type} for which {@code predicate} holds. */
    public static Pattern of(Class<? extends Primitive> type, BiPredicate<Node, PrimitiveGraph> predicate) {
        return new Pattern(type, predicate);
    }

    public boolean matches(Node node, PrimitiveGraph graph) {
        return type.isInstance(node.op()) && predicate.test(node, graph);
    }
}
