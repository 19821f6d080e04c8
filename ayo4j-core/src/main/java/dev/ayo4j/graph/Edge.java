// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.graph;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Explicit binding of a producer's output port to a consumer's input port.
 *
 * <p>An edge may take a {@link Slice} of a list value (micro-batch {@code i} of the passages). An edge
 * to the consumer's {@link PortRef#ORDER} pseudo port carries no data, only ordering.
 */
public record Edge(PortRef from, PortRef to, EdgeKind kind, @Nullable Slice slice) {
    public Edge {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(kind, "kind");
    }

    public static Edge of(PortRef from, PortRef to) {
        return new Edge(from, to, EdgeKind.COMPLETION, null);
    }

    public static Edge stream(PortRef from, PortRef to) {
        return new Edge(from, to, EdgeKind.STREAM, null);
    }

    public static Edge sliced(PortRef from, PortRef to, Slice slice) {
        return new Edge(from, to, EdgeKind.COMPLETION, slice);
    }

    /** An ordering-only dependency of {@code to} on {@code from}'s first output. */
    public static Edge order(PortRef from, NodeId to) {
        return new Edge(from, new PortRef(to, PortRef.ORDER), EdgeKind.COMPLETION, null);
    }

    /** Whether this edge carries data (it is not ordering-only). */
    public boolean carriesData() {
        return !to.isOrder();
    }

    public Edge withFrom(PortRef newFrom) {
        return new Edge(newFrom, to, kind, slice);
    }

    public Edge withTo(PortRef newTo) {
        return new Edge(from, newTo, kind, slice);
    }

    @Override
    public String toString() {
        String arrow = kind == EdgeKind.STREAM ? " ~> " : " -> ";
        return from + (slice == null ? "" : slice.toString()) + arrow + to;
    }
}
