// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.langchain4j.engine;

import dev.ayo4j.runtime.EngineProviders;
import dev.ayo4j.runtime.EngineSpec;
import java.util.Set;
import dev.ayo4j.spi.Engine;
import dev.ayo4j.spi.EngineConfig;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;

/** LangChain4j's in-process MiniLM, loaded once for all tests, and engines made through the SPI. */
final class Models {
    private static EmbeddingModel miniLm;

    private Models() {}

    static synchronized EmbeddingModel miniLm() {
        if (miniLm == null) {
            miniLm = new AllMiniLmL6V2EmbeddingModel();
        }
        return miniLm;
    }

    /** The engine the {@code langchain4j} provider, found by {@code ServiceLoader}, makes of {@code config}. */
    static Engine engine(EngineConfig config) {
        return EngineProviders.load().create(new EngineSpec(LangChain4jEngines.PROVIDER, config, Set.of()));
    }
}
