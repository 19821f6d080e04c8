// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.spi;

import dev.ayo4j.plan.Rule;
import java.util.List;

/**
 * Factory of engines of one kind, found with {@link java.util.ServiceLoader}: list the implementation
 * in {@code META-INF/services/dev.ayo4j.spi.EngineProvider} (and {@code provides} in
 * {@code module-info} on the module path).
 */
public interface EngineProvider {
    /** Kind name used to select this provider, e.g. {@code llamacpp}, {@code onnx}, {@code lucene}. */
    String name();

    /** Creates an engine; throws {@code dev.ayo4j.Ayo4jException} naming the bad option. */
    Engine create(EngineConfig config);

    /** Planner rules specific to this engine kind, applied after the core passes. */
    default List<Rule> rules() {
        return List.of();
    }
}
