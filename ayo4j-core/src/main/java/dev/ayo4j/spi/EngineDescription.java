// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.spi;

import java.util.Objects;

/**
 * What an engine serves, as metrics and spans name it (OpenTelemetry GenAI conventions): the provider and
 * the model behind an engine name ({@link Engine#description()}).
 *
 * @param provider {@code gen_ai.provider.name}, e.g. {@code llama.cpp}, {@code openai} or {@code onnxruntime}
 * @param model    {@code gen_ai.request.model}, e.g. a GGUF file's name or the model an OpenAI-compatible
 *                 server is asked for
 */
public record EngineDescription(String provider, String model) {
    public EngineDescription {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(model, "model");
    }

    /** The description of an engine that says nothing of itself: its name for both. */
    public static EngineDescription of(String engine) {
        return new EngineDescription(engine, engine);
    }
}
