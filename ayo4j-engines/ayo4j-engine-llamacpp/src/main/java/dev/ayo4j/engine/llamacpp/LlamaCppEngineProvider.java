// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.engine.llamacpp;

import dev.ayo4j.spi.Engine;
import dev.ayo4j.spi.EngineConfig;
import dev.ayo4j.spi.EngineProvider;

/**
 * Provider of {@link LlamaCppEngine}s, named {@value #NAME}; options are listed in
 * {@link LlamaCppOptions#fromConfig(EngineConfig)}.
 */
public final class LlamaCppEngineProvider implements EngineProvider {
    /** The provider's kind name. */
    public static final String NAME = "llamacpp";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Engine create(EngineConfig config) {
        return LlamaCppEngine.open(LlamaCppOptions.fromConfig(config));
    }
}
