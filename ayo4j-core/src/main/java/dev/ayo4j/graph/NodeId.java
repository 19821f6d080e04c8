// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.graph;

import java.util.Objects;

/** Identifier of a node, unique within a graph; readable, e.g. {@code index.embed[2/6]}. */
public record NodeId(String value) implements Comparable<NodeId> {
    public NodeId {
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) {
            throw new IllegalArgumentException("node id must not be blank");
        }
    }

    public static NodeId of(String value) {
        return new NodeId(value);
    }

    /** A derived id: {@code this} plus a suffix, for nodes a rule creates from this one. */
    public NodeId derive(String suffix) {
        return new NodeId(value + suffix);
    }

    @Override
    public int compareTo(NodeId o) {
        return value.compareTo(o.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
