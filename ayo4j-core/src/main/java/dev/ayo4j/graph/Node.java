// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.graph;

import dev.ayo4j.primitive.Primitive;
import java.util.Objects;

/** A primitive placed in a graph under an id. */
public record Node(NodeId id, Primitive op) {
    public Node {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(op, "op");
    }

    public Node withOp(Primitive newOp) {
        return new Node(id, newOp);
    }

    @Override
    public String toString() {
        return id + " " + op.describe();
    }
}
