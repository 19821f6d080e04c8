// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.engine.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The builder's validation and the options' printing. */
class OpenAiOptionsTest {
    @Test
    void buildRequiresBaseUrlAndModel() {
        assertThatThrownBy(() -> OpenAiEngine.builder().model("m").build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("baseUrl");
        assertThatThrownBy(() -> OpenAiEngine.builder().baseUrl("http://127.0.0.1:8000/v1").build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("model");
    }

    @Test
    void rejectsBadValues() {
        OpenAiEngine.Builder ok = OpenAiEngine.builder().baseUrl("http://127.0.0.1:8000/v1").model("m");
        assertThatThrownBy(() -> ok.maxConcurrency(0).build()).hasMessageContaining("maxConcurrency");
        assertThatThrownBy(() -> OpenAiEngine.builder().baseUrl("http://127.0.0.1:8000/v1").model("m")
                .requestTimeout(Duration.ZERO).build()).hasMessageContaining("requestTimeout");
        assertThatThrownBy(() -> OpenAiEngine.builder().baseUrl("localhost:8000").model("m").build())
                .hasMessageContaining("http(s) URL");
        assertThatThrownBy(() -> OpenAiEngine.builder().baseUrl("http://h/v1 x").model("m").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a URL");
    }

    @Test
    void priorityFunctionWithoutSendPriorityIsAConflict() {
        assertThatThrownBy(() -> OpenAiEngine.builder().baseUrl("http://127.0.0.1:8000/v1").model("m")
                .priority(_ -> 3).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("sendPriority");
    }

    @Test
    void toStringMasksTheApiKey() {
        try (OpenAiEngine engine = OpenAiEngine.builder().baseUrl("https://api.example.org/v1/").model("m")
                .apiKey("sk-very-secret").build()) {
            assertThat(engine.options().toString()).doesNotContain("sk-very-secret").contains("apiKey=***")
                    .contains("baseUrl=https://api.example.org/v1,");
        }
    }
}
