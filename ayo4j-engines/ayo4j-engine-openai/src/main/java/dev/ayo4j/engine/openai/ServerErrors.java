// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.engine.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ayo4j.EngineException;
import dev.ayo4j.NonRetriableEngineException;
import dev.ayo4j.RetriableEngineException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Turns failed HTTP exchanges into ayo4j exceptions whose messages name the endpoint, the status and
 * the server's own error text. Overload (429), server errors (5xx), timeouts and refused connections
 * are {@link RetriableEngineException}s; other 4xx answers mean a bad request or bad settings and are
 * {@link NonRetriableEngineException}s.
 */
final class ServerErrors {
    /** Longest piece of a non-JSON error body quoted in a message. */
    private static final int MAX_QUOTED = 300;
    private static final ObjectMapper JSON = new ObjectMapper();

    private ServerErrors() {}

    /** The exception for an answer with a non-2xx {@code status} and {@code body}. */
    static EngineException forStatus(URI endpoint, int status, String body) {
        String message = String.format("%s answered HTTP %d: %s", endpoint, status, serverMessage(body));
        return status == 429 || status >= 500
                ? new RetriableEngineException(message)
                : new NonRetriableEngineException(message);
    }

    /** The exception for a request that got no answer: {@code failure} from the HTTP client. */
    static EngineException forIo(URI endpoint, Duration timeout, Throwable failure) {
        Throwable cause = unwrap(failure);
        return switch (cause) {
            case HttpConnectTimeoutException e -> new RetriableEngineException(String.format(
                    "connecting to %s timed out after %s", endpoint, timeout), e);
            case HttpTimeoutException e -> new RetriableEngineException(String.format(
                    "request to %s got no response within %s", endpoint, timeout), e);
            case ConnectException e -> new RetriableEngineException(String.format(
                    "cannot connect to %s: connection refused (is the server running?)", endpoint), e);
            case IOException e -> new RetriableEngineException(String.format(
                    "I/O error on request to %s: %s", endpoint, e), e);
            default -> new NonRetriableEngineException(String.format(
                    "request to %s failed: %s", endpoint, cause), cause);
        };
    }

    /**
     * The server's error text: {@code error.message} (OpenAI, vLLM, llama.cpp server), a top-level
     * {@code message} (older vLLM), an {@code error} string (Ollama), or the body itself, shortened.
     */
    static String serverMessage(String body) {
        try {
            JsonNode root = JSON.readTree(body);
            if (root != null && root.isObject()) {
                JsonNode error = root.path("error");
                if (error.path("message").isTextual()) {
                    return error.path("message").asText();
                }
                if (error.isTextual()) {
                    return error.asText();
                }
                if (root.path("message").isTextual()) {
                    return root.path("message").asText();
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not JSON: quote the body as it is.
        }
        String text = body.strip();
        if (text.isEmpty()) {
            return "(empty body)";
        }
        return text.length() <= MAX_QUOTED ? text : text.substring(0, MAX_QUOTED) + "...";
    }

    private static Throwable unwrap(Throwable t) {
        Throwable cause = t;
        while ((cause instanceof ExecutionException || cause instanceof CompletionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
