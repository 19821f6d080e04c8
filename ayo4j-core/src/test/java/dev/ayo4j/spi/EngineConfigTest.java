// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ayo4j.NonRetriableEngineException;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EngineConfigTest {
    private final EngineConfig config = new EngineConfig("embedder", Map.of("model", "m", "thraeds", "2", "zeta", "1"));

    @Test
    void unknownOptionsAreTheKeysNotKnownSorted() {
        assertThat(config.unknownOptions(Set.of("model", "threads"))).containsExactly("thraeds", "zeta");
        assertThat(config.unknownOptions(Set.of("model", "thraeds", "zeta"))).isEmpty();
    }

    @Test
    void requireKnownOptionsNamesTheEngineTheProviderAndTheUnknownKeys() {
        assertThatThrownBy(() -> config.requireKnownOptions("onnx", Set.of("threads", "model")))
                .isInstanceOf(NonRetriableEngineException.class)
                .hasMessage("engine embedder: unknown onnx option(s) [thraeds, zeta]; known: [model, threads]");
        assertThatCode(() -> config.requireKnownOptions("onnx", Set.of("model", "thraeds", "zeta")))
                .doesNotThrowAnyException();
    }
}
