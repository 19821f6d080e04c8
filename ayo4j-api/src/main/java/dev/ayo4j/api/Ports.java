// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.api;

import dev.ayo4j.primitive.Port;
import dev.ayo4j.spi.Generation;
import dev.ayo4j.spi.Signal;
import java.util.List;

/** The Java class a port's values have, for the entry point's checks of inputs and outputs. */
final class Ports {
    private Ports() {}

    static Class<?> javaType(Port<?> port) {
        return switch (port.kind()) {
            case TEXT -> String.class;
            case TEXT_LIST, PASSAGE_LIST, VECTOR_LIST -> List.class;
            case SIGNAL -> Signal.class;
            case GENERATION -> Generation.class;
        };
    }
}
