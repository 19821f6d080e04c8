// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.engine.openai;

import dev.ayo4j.spi.Engine;
import java.util.Locale;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * The engine contract against a real OpenAI-compatible server, run when {@code AYO4J_OPENAI_BASE_URL}
 * names one (e.g. {@code http://127.0.0.1:8000/v1}). Also read: {@code AYO4J_OPENAI_MODEL} (default
 * {@code default}), {@code AYO4J_OPENAI_API_KEY}, {@code AYO4J_OPENAI_API} ({@code completions} or
 * {@code chat}) and {@code AYO4J_OPENAI_CACHE_PROMPT} ({@code true} for llama.cpp server).
 */
@EnabledIfEnvironmentVariable(named = "AYO4J_OPENAI_BASE_URL", matches = ".+")
class OpenAiEngineIT extends OpenAiContract {
    @Override
    protected Engine createEngine() {
        OpenAiEngine.Builder b = OpenAiEngine.builder()
                .baseUrl(System.getenv("AYO4J_OPENAI_BASE_URL"))
                .model(env("AYO4J_OPENAI_MODEL", "default"))
                .api(OpenAiApi.valueOf(env("AYO4J_OPENAI_API", "completions").toUpperCase(Locale.ROOT)))
                .cachePrompt(Boolean.parseBoolean(env("AYO4J_OPENAI_CACHE_PROMPT", "false")));
        String key = System.getenv("AYO4J_OPENAI_API_KEY");
        if (key != null && !key.isBlank()) {
            b.apiKey(key);
        }
        return b.build();
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
