// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.engine.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ayo4j.NonRetriableEngineException;
import dev.ayo4j.spi.Engine;
import dev.ayo4j.spi.EngineConfig;
import dev.ayo4j.spi.EngineDescription;
import dev.ayo4j.spi.EngineProvider;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** The provider as the runtime finds and uses it. */
class OpenAiEngineProviderTest {
    private static EngineProvider provider() {
        return ServiceLoader.load(EngineProvider.class).stream().map(ServiceLoader.Provider::get)
                .filter(p -> p.name().equals(OpenAiEngineProvider.NAME)).findFirst()
                .orElseThrow(() -> new AssertionError("no openai provider on the class path"));
    }

    @Test
    void isFoundByServiceLoader() {
        assertThat(provider()).isInstanceOf(OpenAiEngineProvider.class);
    }

    @Test
    void createsAnEngineFromOptions() {
        try (Engine engine = provider().create(new EngineConfig("expander", Map.of("baseUrl", "http://127.0.0.1:8000/v1/",
                "model", "qwen", "api", "chat", "maxConcurrency", "4", "structuredOutput", "guided_json",
                "priority", "true", "cachePrompt", "true", "apiKey", "k", "requestTimeout", "5")))) {
            OpenAiOptions o = ((OpenAiEngine) engine).options();
            assertThat(engine.name()).isEqualTo("expander");
            assertThat(engine.capabilities().maxConcurrency()).isEqualTo(4);
            assertThat(engine.capabilities().maxBatchSize()).isEqualTo(1);
            assertThat(o.baseUrl()).hasToString("http://127.0.0.1:8000/v1");
            assertThat(o.endpoint(o.api())).hasToString("http://127.0.0.1:8000/v1/chat/completions");
            assertThat(o.model()).isEqualTo("qwen");
            assertThat(engine.description()).isEqualTo(new EngineDescription("openai", "qwen"));
            assertThat(o.api()).isEqualTo(OpenAiApi.CHAT);
            assertThat(o.structuredOutput()).isEqualTo(StructuredOutput.GUIDED_JSON);
            assertThat(o.sendPriority()).isTrue();
            assertThat(o.cachePrompt()).isTrue();
            assertThat(o.apiKey()).isEqualTo("k");
            assertThat(o.requestTimeout()).hasSeconds(5);
        }
    }

    @Test
    void defaultsAreTheDocumentedOnes() {
        try (Engine engine = provider().create(new EngineConfig("llm", Map.of("baseUrl", "http://127.0.0.1:8000/v1",
                "model", "m")))) {
            OpenAiOptions o = ((OpenAiEngine) engine).options();
            assertThat(o.api()).isEqualTo(OpenAiApi.COMPLETIONS);
            assertThat(o.structuredOutput()).isEqualTo(StructuredOutput.RESPONSE_FORMAT);
            assertThat(o.maxConcurrency()).isEqualTo(OpenAiOptions.DEFAULT_MAX_CONCURRENCY);
            assertThat(o.requestTimeout()).isEqualTo(OpenAiOptions.DEFAULT_REQUEST_TIMEOUT);
            assertThat(o.sendPriority()).isFalse();
            assertThat(o.cachePrompt()).isFalse();
            assertThat(o.apiKey()).isNull();
        }
    }

    @Test
    void asksLlamaCppServerToCacheThePromptUnlessToldOtherwise() {
        Map<String, String> llamaCpp = Map.of("baseUrl", "http://127.0.0.1:8080/v1", "model", "m",
                "structuredOutput", "llamacpp_json_schema");
        try (Engine engine = provider().create(new EngineConfig("llm", llamaCpp))) {
            assertThat(((OpenAiEngine) engine).options().cachePrompt()).isTrue();
        }
        java.util.Map<String, String> off = new java.util.HashMap<>(llamaCpp);
        off.put("cachePrompt", "false");
        try (Engine engine = provider().create(new EngineConfig("llm", off))) {
            assertThat(((OpenAiEngine) engine).options().cachePrompt()).isFalse();
        }
    }

    @Test
    void rejectsAnUnknownOption() {
        assertThatThrownBy(() -> provider().create(new EngineConfig("llm", Map.of("baseUrl", "http://127.0.0.1:8000/v1",
                "model", "m", "modle", "typo"))))
                .isInstanceOf(NonRetriableEngineException.class)
                .hasMessageContaining("llm").hasMessageContaining("[modle]").hasMessageContaining("baseUrl");
    }

    @Test
    void requiresBaseUrlAndModel() {
        assertThatThrownBy(() -> provider().create(new EngineConfig("llm", Map.of("model", "m"))))
                .isInstanceOf(NonRetriableEngineException.class).hasMessageContaining("baseUrl");
        assertThatThrownBy(() -> provider().create(new EngineConfig("llm", Map.of("baseUrl", "http://h/v1"))))
                .isInstanceOf(NonRetriableEngineException.class).hasMessageContaining("model");
    }

    @Test
    void rejectsBadValuesNamingTheOption() {
        assertThatThrownBy(() -> provider().create(new EngineConfig("llm", Map.of("baseUrl", "http://h/v1",
                "model", "m", "api", "responses"))))
                .isInstanceOf(NonRetriableEngineException.class).hasMessageContaining("api")
                .hasMessageContaining("completions").hasMessageContaining("responses");
        assertThatThrownBy(() -> provider().create(new EngineConfig("llm", Map.of("baseUrl", "http://h/v1",
                "model", "m", "priority", "yes"))))
                .isInstanceOf(NonRetriableEngineException.class).hasMessageContaining("priority");
        assertThatThrownBy(() -> provider().create(new EngineConfig("llm", Map.of("baseUrl", "ftp://h/v1",
                "model", "m"))))
                .isInstanceOf(NonRetriableEngineException.class).hasMessageContaining("ftp://h/v1");
    }
}
