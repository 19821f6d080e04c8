// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.primitive;

import java.util.Objects;

/** Named, typed input or output port of a primitive. */
public record Port(String name, ValueKind kind) {
    public Port {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
    }

    @Override
    public String toString() {
        return name + ":" + kind;
    }
}
