// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.engine.openai;

import dev.ayo4j.NonRetriableEngineException;
import dev.ayo4j.spi.Engine;
import dev.ayo4j.spi.EngineConfig;
import dev.ayo4j.spi.EngineProvider;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Provider of {@link OpenAiEngine}s, named {@value #NAME}. Options ({@link #KEYS}): {@code baseUrl} and
 * {@code model} (required); {@code apiKey}; {@code api} ({@code completions} or {@code chat});
 * {@code maxConcurrency}; {@code structuredOutput} ({@code none}, {@code response_format},
 * {@code guided_json}, {@code llamacpp_json_schema}); {@code priority} ({@code true} to send a priority
 * field); {@code cachePrompt} ({@code true} for llama.cpp server, which then keeps each slot's prompt
 * cache; default {@code true} with {@code structuredOutput=llamacpp_json_schema}, which only llama.cpp server
 * takes, else {@code false}: OpenAI rejects unknown fields); {@code requestTimeout} in seconds;
 * {@code seed}. Unknown options are rejected, so that a typo does not pass silently.
 */
public final class OpenAiEngineProvider implements EngineProvider {
    /** The provider's kind name. */
    public static final String NAME = "openai";

    /** Option keys understood by {@link #create(EngineConfig)}. */
    public static final Set<String> KEYS = Set.of("baseUrl", "model", "apiKey", "api", "maxConcurrency",
            "structuredOutput", "priority", "cachePrompt", "requestTimeout", "seed");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Engine create(EngineConfig config) {
        config.requireKnownOptions(NAME, KEYS);
        try {
            StructuredOutput structured = enumOption(config, "structuredOutput", StructuredOutput.class,
                    StructuredOutput.RESPONSE_FORMAT);
            boolean cachePrompt = config.option("cachePrompt", "").isBlank()
                    ? structured == StructuredOutput.LLAMACPP_JSON_SCHEMA : booleanOption(config, "cachePrompt");
            OpenAiEngine.Builder b = OpenAiEngine.builder().name(config.name())
                    .baseUrl(required(config, "baseUrl"))
                    .model(required(config, "model"))
                    .api(enumOption(config, "api", OpenAiApi.class, OpenAiApi.COMPLETIONS))
                    .structuredOutput(structured)
                    .maxConcurrency(config.intOption("maxConcurrency", OpenAiOptions.DEFAULT_MAX_CONCURRENCY))
                    .sendPriority(booleanOption(config, "priority"))
                    .cachePrompt(cachePrompt)
                    .requestTimeout(Duration.ofSeconds(config.intOption("requestTimeout",
                            (int) OpenAiOptions.DEFAULT_REQUEST_TIMEOUT.toSeconds())))
                    .seed(config.intOption("seed", (int) OpenAiOptions.DEFAULT_SEED));
            String apiKey = config.option("apiKey", "");
            if (!apiKey.isBlank()) {
                b.apiKey(apiKey);
            }
            return b.build();
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new NonRetriableEngineException("engine " + config.name() + ": " + e.getMessage(), e);
        }
    }

    private static String required(EngineConfig config, String key) {
        String v = config.option(key, "");
        if (v.isBlank()) {
            throw new IllegalArgumentException(String.format("option '%s' is required", key));
        }
        return v.trim();
    }

    private static boolean booleanOption(EngineConfig config, String key) {
        String v = config.option(key, "false").trim().toLowerCase(Locale.ROOT);
        return switch (v) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(String.format(
                    "option %s must be true or false: %s", key, v));
        };
    }

    private static <E extends Enum<E>> E enumOption(EngineConfig config, String key, Class<E> type, E fallback) {
        String v = config.option(key, "");
        if (v.isBlank()) {
            return fallback;
        }
        try {
            return Enum.valueOf(type, v.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            Set<String> known = new TreeSet<>();
            for (E c : type.getEnumConstants()) {
                known.add(c.name().toLowerCase(Locale.ROOT));
            }
            throw new IllegalArgumentException(String.format("option %s must be one of %s: %s", key, known, v));
        }
    }
}
