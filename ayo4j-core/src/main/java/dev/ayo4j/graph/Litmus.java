// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.graph;

import dev.ayo4j.GraphValidationException;

/**
 * What a check does when it finds a fault: throw, or return false (Calcite's Litmus). Lets one
 * validator serve both "reject this user input" and "is this still valid?" in assertions.
 */
public interface Litmus {
    /** Throws {@link GraphValidationException} with the message. */
    Litmus THROW = message -> {
        throw new GraphValidationException(message);
    };

    /** Returns false. */
    Litmus QUIET = _ -> false;

    /** Reports a fault; returns false or throws. */
    boolean fail(String message);

    /** Reports success. */
    default boolean ok() {
        return true;
    }
}
