// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.engine.llamacpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ayo4j.NonRetriableEngineException;
import dev.ayo4j.spi.EngineConfig;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Thread and polling options: parsed from an engine file's strings, defaulted, and validated. */
class LlamaCppOptionsTest {
    private static LlamaCppOptions config(Map<String, String> options) {
        return LlamaCppOptions.fromConfig(new EngineConfig("llm", options));
    }

    @Test
    void promptThreadsFollowDecodeThreadsUnlessGiven() {
        LlamaCppOptions defaults = config(Map.of("model", "m.gguf"));
        assertThat(defaults.threads()).isEqualTo(LlamaCppOptions.DEFAULT_THREADS);
        assertThat(defaults.batchThreads()).isEqualTo(LlamaCppOptions.DEFAULT_THREADS);
        assertThat(defaults.poll()).isEqualTo(LlamaCppOptions.DEFAULT_POLL);

        assertThat(config(Map.of("model", "m.gguf", "threads", "3")).batchThreads()).isEqualTo(3);
        LlamaCppOptions split = config(Map.of("model", "m.gguf", "threads", "1", "batchThreads", "2", "poll", "0"));
        assertThat(split.threads()).isEqualTo(1);
        assertThat(split.batchThreads()).isEqualTo(2);
        assertThat(split.poll()).isZero();
        assertThat(LlamaCppOptions.KEYS).contains("batchThreads", "poll");
    }

    @Test
    void builderDefaultsPromptThreadsToThreads() {
        LlamaCppOptions.Builder b = LlamaCppOptions.builder().model(Path.of("m.gguf")).threads(4);
        assertThat(b.build().batchThreads()).isEqualTo(4);
        assertThat(b.batchThreads(1).poll(100).build()).extracting(LlamaCppOptions::batchThreads,
                LlamaCppOptions::poll).containsExactly(1, 100);
        assertThat(b.batchThreads(null).build().batchThreads()).isEqualTo(4);
    }

    @Test
    void badThreadAndPollValuesAreRejectedNamingTheOption() {
        assertThatThrownBy(() -> config(Map.of("model", "m.gguf", "batchThreads", "0")))
                .isInstanceOf(NonRetriableEngineException.class).hasMessageContaining("engine llm")
                .hasMessageContaining("batchThreads must be > 0: 0");
        assertThatThrownBy(() -> config(Map.of("model", "m.gguf", "batchThreads", "two")))
                .isInstanceOf(NonRetriableEngineException.class).hasMessageContaining("batchThreads is not an integer");
        assertThatThrownBy(() -> config(Map.of("model", "m.gguf", "poll", "101")))
                .isInstanceOf(NonRetriableEngineException.class).hasMessageContaining("poll must be in [0, 100]: 101");
        assertThatThrownBy(() -> config(Map.of("model", "m.gguf", "poll", "-1")))
                .isInstanceOf(NonRetriableEngineException.class).hasMessageContaining("poll must be in [0, 100]: -1");
        assertThatThrownBy(() -> config(Map.of("model", "m.gguf", "pollBatch", "0")))
                .isInstanceOf(NonRetriableEngineException.class).hasMessageContaining("unknown llamacpp option(s) [pollBatch]");
    }
}
