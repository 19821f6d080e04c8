// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.graph;

import dev.ayo4j.primitive.Port;
import java.util.Objects;

/** A port of a node: {@code node.port}. */
public record PortRef(NodeId node, String port) {
    /**
     * Pseudo input port of every node for an ordering-only dependency: the edge carries no data, the
     * consumer merely waits for the producer. Frameworks that chain modules create such edges;
     * dependency pruning removes them.
     */
    public static final String ORDER = "@after";

    public PortRef {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(port, "port");
    }

    public static PortRef of(NodeId node, String port) {
        return new PortRef(node, port);
    }

    /** The port {@code port} of {@code node}. */
    public static PortRef of(NodeId node, Port<?> port) {
        return new PortRef(node, port.name());
    }

    public static PortRef of(String node, String port) {
        return new PortRef(NodeId.of(node), port);
    }

    /** Whether this is the ordering-only pseudo port. */
    public boolean isOrder() {
        return ORDER.equals(port);
    }

    @Override
    public String toString() {
        return node + "." + port;
    }
}
