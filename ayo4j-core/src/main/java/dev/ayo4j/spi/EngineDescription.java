// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.observability;

import java.util.Objects;

/**
 * What metrics and spans say about an engine: the GenAI provider and model behind an engine name.
 *
 * @param provider {@code gen_ai.provider.name}, e.g. {@code llama.cpp} or {@code openai}
 * @param model    {@code gen_ai.request.model}
 */
public record EngineDescription(String provider, String model) {
    public EngineDescription {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(model, "model");
    }

    /** The description of an engine nobody described: its name for both. */
    static EngineDescription of(String engine) {
        return new EngineDescription(engine, engine);
    }
}
