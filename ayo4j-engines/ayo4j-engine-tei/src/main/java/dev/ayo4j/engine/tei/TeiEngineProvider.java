// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.engine.tei;

import dev.ayo4j.NonRetriableEngineException;
import dev.ayo4j.spi.Engine;
import dev.ayo4j.spi.EngineConfig;
import dev.ayo4j.spi.EngineProvider;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;

/**
 * Provider {@value #NAME} of engines that call a TEI-compatible encoder server: Hugging Face's
 * text-embeddings-inference or {@code ayo4j serve encoder}.
 *
 * <p>Options ({@link #KEYS}): {@code baseUrl} (required, e.g. {@code http://127.0.0.1:8080}); {@code role}
 * {@code embed} (default) or {@code rerank}; {@code timeout} in seconds per request (default
 * {@value #DEFAULT_TIMEOUT_SECONDS}); {@code maxBatch} (default {@value #DEFAULT_MAX_BATCH}, TEI's own
 * default client batch); {@code maxBatchTokens} (default {@value #DEFAULT_MAX_BATCH_TOKENS}, TEI's default
 * batch token budget); {@code maxConcurrency} (default {@value #DEFAULT_MAX_CONCURRENCY}). Unknown options
 * are rejected. Creating the engine does not call the server; {@link Engine#awaitReady} does.
 */
public final class TeiEngineProvider implements EngineProvider {
    /** The provider's kind name. */
    public static final String NAME = "tei";
    /** Option keys understood by {@link #create(EngineConfig)}. */
    public static final Set<String> KEYS = Set.of("baseUrl", "role", "timeout", "maxBatch", "maxBatchTokens",
            "maxConcurrency");
    /** Seconds a request may take: 30. */
    public static final int DEFAULT_TIMEOUT_SECONDS = 30;
    /** Texts per request: 32. */
    public static final int DEFAULT_MAX_BATCH = 32;
    /** Input tokens per request: 16,384. */
    public static final int DEFAULT_MAX_BATCH_TOKENS = 16_384;
    /** Requests in flight at once: 4. */
    public static final int DEFAULT_MAX_CONCURRENCY = 4;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Engine create(EngineConfig config) {
        config.requireKnownOptions(NAME, KEYS);
        String url = config.option("baseUrl", "").strip();
        if (url.isEmpty()) {
            throw new NonRetriableEngineException("engine " + config.name() + ": option 'baseUrl' is required");
        }
        URI base;
        try {
            base = new URI(url);
            if (base.getScheme() == null || !base.getScheme().startsWith("http") || base.getHost() == null) {
                throw new URISyntaxException(url, "not an http(s) URL with a host");
            }
        } catch (URISyntaxException e) {
            throw new NonRetriableEngineException("engine " + config.name() + ": baseUrl " + url + " is not a URL: "
                    + e.getMessage());
        }
        String role = config.option("role", "embed").strip().toUpperCase(Locale.ROOT);
        TeiRole r;
        try {
            r = TeiRole.valueOf(role);
        } catch (IllegalArgumentException e) {
            throw new NonRetriableEngineException("engine " + config.name() + ": option role must be embed or rerank, "
                    + "not '" + role.toLowerCase(Locale.ROOT) + "'");
        }
        try {
            return new TeiEngine(config.name(), base, r,
                    Duration.ofSeconds(config.intOption("timeout", DEFAULT_TIMEOUT_SECONDS)),
                    config.intOption("maxBatch", DEFAULT_MAX_BATCH),
                    config.intOption("maxBatchTokens", DEFAULT_MAX_BATCH_TOKENS),
                    config.intOption("maxConcurrency", DEFAULT_MAX_CONCURRENCY));
        } catch (IllegalArgumentException e) {
            throw new NonRetriableEngineException("engine " + config.name() + ": " + e.getMessage(), e);
        }
    }
}
