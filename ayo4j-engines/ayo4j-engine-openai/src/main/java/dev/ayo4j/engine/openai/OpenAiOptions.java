// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.engine.openai;

import dev.ayo4j.Checks;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Validated settings of an {@link OpenAiEngine}, made by {@link OpenAiEngine#builder()}; see the
 * builder's setters for what each one means and the {@code DEFAULT_} constants for the defaults.
 *
 * @param name             engine name primitives address it by
 * @param baseUrl          the server's API root, e.g. {@code http://127.0.0.1:8000/v1}, without a trailing slash
 * @param model            model name sent with every request
 * @param apiKey           bearer token, or null to send none; never printed by {@link #toString()}
 * @param requestTimeout   longest wait for a response to start (its status line and headers)
 * @param maxConcurrency   most requests in flight at once
 * @param api              completions or chat
 * @param structuredOutput how {@code JsonList} outputs are constrained
 * @param sendPriority     whether requests carry a {@code priority} field
 * @param priority         computes that field
 * @param cachePrompt      whether requests carry llama.cpp server's {@code cache_prompt: true}
 * @param seed             sampling seed sent with every request (sampling is greedy, so it only breaks ties)
 */
public record OpenAiOptions(String name, URI baseUrl, String model, @Nullable String apiKey, Duration requestTimeout,
                            int maxConcurrency, OpenAiApi api, StructuredOutput structuredOutput, boolean sendPriority,
                            RequestPriority priority, boolean cachePrompt, long seed) {
    /** Default engine name: {@value}. */
    public static final String DEFAULT_NAME = "llm";
    /** Default request timeout: 60 seconds, room for a long prompt queued behind others on a busy server. */
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(60);
    /** Default concurrency: {@value}; servers batch concurrent requests themselves. */
    public static final int DEFAULT_MAX_CONCURRENCY = 16;
    /** Default seed: {@value}, the one the llama.cpp engine uses. */
    public static final long DEFAULT_SEED = 42;

    public OpenAiOptions {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(api, "api");
        Objects.requireNonNull(structuredOutput, "structuredOutput");
        Objects.requireNonNull(priority, "priority");
        Checks.argument(!name.isBlank(), "engine name must not be blank");
        String scheme = baseUrl.getScheme();
        Checks.argument(("http".equals(scheme) || "https".equals(scheme)) && baseUrl.getHost() != null,
                "baseUrl must be an http(s) URL with a host, e.g. http://127.0.0.1:8000/v1: %s", baseUrl);
        Checks.argument(baseUrl.getQuery() == null && baseUrl.getFragment() == null,
                "baseUrl must have no query or fragment: %s", baseUrl);
        Checks.argument(!model.isBlank(), "model must not be blank");
        Checks.argument(apiKey == null || !apiKey.isBlank(), "apiKey must not be blank when given");
        Checks.argument(requestTimeout.isPositive(), "requestTimeout must be positive: %s", requestTimeout);
        Checks.argument(maxConcurrency > 0, "maxConcurrency must be > 0: %s", maxConcurrency);
        String url = baseUrl.toString();
        while (url.endsWith("/")) {
            url = url.substring(0, url.length() - 1);
        }
        baseUrl = URI.create(url);
    }

    /** The URL requests of {@code which} API go to. */
    public URI endpoint(OpenAiApi which) {
        return URI.create(baseUrl + which.path());
    }

    /** Like the record's, with the API key masked. */
    @Override
    public String toString() {
        return String.format("OpenAiOptions[name=%s, baseUrl=%s, model=%s, apiKey=%s, requestTimeout=%s, "
                        + "maxConcurrency=%d, api=%s, structuredOutput=%s, sendPriority=%s, cachePrompt=%s, seed=%d]",
                name, baseUrl, model, apiKey == null ? "none" : "***", requestTimeout, maxConcurrency, api,
                structuredOutput, sendPriority, cachePrompt, seed);
    }
}
