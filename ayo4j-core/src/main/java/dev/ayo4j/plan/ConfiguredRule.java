// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.plan;

import java.util.Objects;

/**
 * A {@link Rule} that holds its configuration, as Calcite's {@code RelRule} holds its {@code Config}:
 * the rule's nested {@code Config} record builds the rule ({@code Config.toRule()}), and the rule reads
 * its settings through {@link #config()}.
 *
 * @param <C> the rule's configuration record
 */
public abstract class ConfiguredRule<C extends Record> implements Rule {
    private final C config;

    /** A rule configured by {@code config}. */
    protected ConfiguredRule(C config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    /** The configuration this rule was built from. */
    public final C config() {
        return config;
    }
}
