// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.langchain4j.engine;

import dev.ayo4j.Ayo4jException;
import dev.ayo4j.primitive.Primitive;
import dev.ayo4j.spi.EngineCapabilities;
import dev.ayo4j.spi.EngineConfig;
import java.util.Set;

/** The limits of one LangChain4j engine, from its configuration's options. */
record Limits(int maxBatch, int maxConcurrency, int maxTokens) {
    static Limits of(EngineConfig config) {
        try {
            int batch = config.intOption(LangChain4jEngines.MAX_BATCH, LangChain4jEngines.DEFAULT_MAX_BATCH);
            int concurrency = config.intOption(LangChain4jEngines.MAX_CONCURRENCY,
                    LangChain4jEngines.DEFAULT_MAX_CONCURRENCY);
            int tokens = config.intOption(LangChain4jEngines.MAX_TOKENS_OPTION, Integer.MAX_VALUE);
            if (batch <= 0 || concurrency <= 0 || tokens <= 0) {
                throw new IllegalArgumentException(String.format("engine %s: %s, %s and %s must be > 0: %s",
                        config.name(), LangChain4jEngines.MAX_BATCH, LangChain4jEngines.MAX_CONCURRENCY,
                        LangChain4jEngines.MAX_TOKENS_OPTION, config.options()));
            }
            return new Limits(batch, concurrency, tokens);
        } catch (IllegalArgumentException e) {
            throw new Ayo4jException(e.getMessage(), e);
        }
    }

    EngineCapabilities capabilities(Set<Class<? extends Primitive>> primitives) {
        return new EngineCapabilities(primitives, maxBatch, maxTokens, maxConcurrency);
    }
}
