// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.plan;

import java.util.Objects;

/** Named {@link Program}: one of the optimization passes that explain output shows one by one. */
public record Pass(String name, Program program) {
    public Pass {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(program, "program");
    }
}
