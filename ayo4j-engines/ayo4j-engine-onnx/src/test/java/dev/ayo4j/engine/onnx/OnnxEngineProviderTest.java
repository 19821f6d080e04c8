// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.engine.onnx;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ayo4j.NonRetriableEngineException;
import dev.ayo4j.spi.EngineConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OnnxEngineProviderTest {
    @Test
    void anUnknownOptionIsRejectedBeforeAModelLoads() {
        var config = new EngineConfig("embedder", Map.of("role", "embed", "thread", "2"));
        assertThatThrownBy(() -> new OnnxEngineProvider().create(config))
                .isInstanceOf(NonRetriableEngineException.class)
                .hasMessage("engine embedder (onnx): unknown option(s) [thread]; known: [batchTokens, maxTokens, "
                        + "model, modelPath, overflow, pooling, role, threads, tokenizerPath]");
    }
}
