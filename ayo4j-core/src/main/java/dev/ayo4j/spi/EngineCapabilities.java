// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.spi;

import dev.ayo4j.Checks;
import dev.ayo4j.primitive.Primitive;
import java.util.Set;

/**
 * What an engine serves and its limits, which the engine scheduler and the planner respect.
 *
 * @param primitives     primitive classes the engine executes
 * @param maxBatchSize   most tasks in one {@link Engine#execute} call
 * @param maxBatchTokens most input tokens in one call (a budget for padding-sensitive encoders)
 * @param maxConcurrency most {@code execute} calls in flight at once
 */
public record EngineCapabilities(Set<Class<? extends Primitive>> primitives, int maxBatchSize, int maxBatchTokens,
                                 int maxConcurrency) {
    public EngineCapabilities {
        primitives = Set.copyOf(primitives);
        Checks.argument(!primitives.isEmpty(), "an engine must serve at least one primitive");
        Checks.argument(maxBatchSize > 0, "maxBatchSize must be > 0: %s", maxBatchSize);
        Checks.argument(maxBatchTokens > 0, "maxBatchTokens must be > 0: %s", maxBatchTokens);
        Checks.argument(maxConcurrency > 0, "maxConcurrency must be > 0: %s", maxConcurrency);
    }

    public boolean serves(Primitive op) {
        return primitives.stream().anyMatch(c -> c.isInstance(op));
    }
}
