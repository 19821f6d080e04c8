// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ayo4j.DeadlineExceededException;
import dev.ayo4j.GraphValidationException;
import dev.ayo4j.RetriableEngineException;
import dev.ayo4j.encoders.pool.InvalidTextException;
import dev.ayo4j.encoders.pool.OverloadedException;
import dev.ayo4j.encoders.pool.TextTooLongException;
import dev.ayo4j.encoders.server.EncoderProtocol;
import dev.ayo4j.runtime.QueryCancelledException;
import io.helidon.http.HeaderNames;
import io.helidon.http.HttpException;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * The one place where exceptions become HTTP statuses and OpenAI-style error bodies
 * ({@code {"error": {"message", "type", "param", "code"}}}). Only what the client did wrong is described;
 * internal messages and stack traces stay in the server log.
 */
final class Errors {
    private static final System.Logger LOG = System.getLogger(Errors.class.getName());

    private Errors() {}

    /** Helidon's error handler for every exception a route throws. */
    static void handle(ServerRequest req, ServerResponse res, Throwable t) {
        if (res.isSent()) {
            LOG.log(System.Logger.Level.DEBUG, "error after the response was sent: {0}", t.toString());
            return;
        }
        if (unwrap(t) instanceof HttpException h && h.status().code() < 400) {
            // Helidon's answer that is no error: 304 Not Modified for a static file the browser has (If-None-Match)
            res.status(h.status()).send();
            return;
        }
        ApiException e = toApi(t, req.path().path());
        if (e.retryAfterSeconds() > 0) {
            res.header(HeaderNames.RETRY_AFTER, Integer.toString(e.retryAfterSeconds()));
        }
        Http.send(res, e.status(), body(e));
    }

    /** The error body of {@code e}. */
    static ObjectNode body(ApiException e) {
        ObjectNode root = Json.object();
        ObjectNode error = root.putObject("error");
        error.put("message", e.getMessage()).put("type", e.type());
        error.put("param", e.param());
        error.put("code", e.code());
        return root;
    }

    /** What {@code t} tells the client; logs what it does not. */
    static ApiException toApi(Throwable t, String path) {
        Throwable c = unwrap(t);
        return switch (c) {
            case ApiException a -> a;
            case EncoderProtocol.ProtocolException p -> switch (p.status()) {
                case 413 -> ApiException.tooLarge(null, p.getMessage());
                case 503 -> ApiException.unavailable(p.getMessage(), 1);
                default -> ApiException.invalid(null, p.getMessage());
            };
            case TextTooLongException x -> ApiException.tooLarge("input", x.getMessage());
            case InvalidTextException x -> ApiException.invalid("input", x.getMessage());
            case OverloadedException x -> ApiException.overloaded("the encoders are at capacity; retry later", 1);
            case GraphValidationException x -> {
                LOG.log(System.Logger.Level.WARNING, "invalid run on " + path, x);
                yield ApiException.invalid(null, "the request does not fit the app: " + x.getMessage());
            }
            case DeadlineExceededException x -> {
                LOG.log(System.Logger.Level.WARNING, "deadline on {0}: {1}", path, x.getMessage());
                yield ApiException.timeout();
            }
            case QueryCancelledException _, CancellationException _ ->
                    ApiException.unavailable("the run was cancelled: the client left or the server is stopping", 1);
            case HttpException h when h.status().code() == 404 ->
                    ApiException.notFound("not_found", null, "no such resource: " + path);
            case HttpException h when h.status().code() == 405 -> ApiException.methodNotAllowed(h.getMessage());
            case HttpException h when h.status().code() >= 400 && h.status().code() < 500 ->
                    ApiException.invalid(null, h.getMessage());
            case RetriableEngineException x -> {
                LOG.log(System.Logger.Level.WARNING, "engine unavailable on " + path, x);
                yield ApiException.unavailable("an engine could not serve the request now; retry later", 1);
            }
            default -> {
                LOG.log(System.Logger.Level.ERROR, "internal error on " + path, c);
                yield ApiException.internal();
            }
        };
    }

    static Throwable unwrap(Throwable t) {
        Throwable c = t;
        while ((c instanceof CompletionException || c instanceof ExecutionException) && c.getCause() != null) {
            c = c.getCause();
        }
        return c;
    }
}
