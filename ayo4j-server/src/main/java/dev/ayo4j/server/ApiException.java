package dev.ayo4j.server;

import dev.ayo4j.Ayo4jException;
import org.jspecify.annotations.Nullable;

/**
 * Exception for a request the server refuses, carrying what the client is told: the HTTP status,
 * OpenAI's error {@code type} and {@code code}, the offending parameter, and a message that names what is
 * wrong. Its message is written for the client, so it never holds internal detail.
 */
public final class ApiException extends Ayo4jException {
    private final int status;
    private final String type;
    private final @Nullable String code;
    private final @Nullable String param;
    private final int retryAfterSeconds;

    private ApiException(int status, String type, @Nullable String code, @Nullable String param, String message,
                         int retryAfterSeconds) {
        super(message);
        this.status = status;
        this.type = type;
        this.code = code;
        this.param = param;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** 400: the request is malformed or a field is wrong; {@code param} names the field, if one. */
    public static ApiException invalid(@Nullable String param, String message) {
        return new ApiException(400, "invalid_request_error", null, param, message, 0);
    }

    /** 401: no key, or a key the server does not know. */
    public static ApiException unauthorized(String message) {
        return new ApiException(401, "authentication_error", "invalid_api_key", null, message, 0);
    }

    /** 404: an unknown app ({@code model_not_found}), run, collection or route. */
    public static ApiException notFound(String code, @Nullable String param, String message) {
        return new ApiException(404, "invalid_request_error", code, param, message, 0);
    }

    /** 405: the route exists, not with this method. */
    public static ApiException methodNotAllowed(String message) {
        return new ApiException(405, "invalid_request_error", "method_not_allowed", null, message, 0);
    }

    /** 413: the body, a question or an upload is over its limit. */
    public static ApiException tooLarge(@Nullable String param, String message) {
        return new ApiException(413, "invalid_request_error", "request_too_large", param, message, 0);
    }

    /** 415/422: a document that is not text. */
    public static ApiException unprocessable(@Nullable String param, String message) {
        return new ApiException(422, "invalid_request_error", "unprocessable_entity", param, message, 0);
    }

    /** 429: at capacity; retry after {@code seconds}. */
    public static ApiException overloaded(String message, int seconds) {
        return new ApiException(429, "rate_limit_error", "rate_limit_exceeded", null, message, seconds);
    }

    /** 503: engines loading or the server stopping. */
    public static ApiException unavailable(String message, int seconds) {
        return new ApiException(503, "server_error", "service_unavailable", null, message, seconds);
    }

    /** 504: the run passed its deadline. */
    public static ApiException timeout() {
        return new ApiException(504, "server_error", "timeout", null, "the run did not finish within its deadline", 0);
    }

    /** 500: something broke inside; the details are in the server log. */
    public static ApiException internal() {
        return new ApiException(500, "server_error", "internal_error", null,
                "internal error; the server log has the details", 0);
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public @Nullable String code() {
        return code;
    }

    public @Nullable String param() {
        return param;
    }

    /** Seconds for a {@code Retry-After} header; 0 for none. */
    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
