// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.server;

import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/** Reading request bodies within their limits and writing JSON responses. */
final class Http {
    private static final List<String> TRACE_HEADERS = List.of("traceparent", "tracestate");
    private static final io.helidon.http.HeaderName SERVER_TIMING = HeaderNames.create("Server-Timing");

    private Http() {}

    /** The body, at most {@code limit} bytes; a 413 naming the limit beyond it. */
    static byte[] body(ServerRequest req, int limit) {
        requireDeclaredLength(req, limit);
        try (InputStream in = req.content().inputStream()) {
            byte[] bytes = in.readNBytes(limit + 1);
            if (bytes.length > limit) {
                throw ApiException.tooLarge(null, "request body is over the limit of " + limit + " bytes");
            }
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A 413 naming the limit if the request declares a body over {@code limit} bytes. */
    static void requireDeclaredLength(ServerRequest req, int limit) {
        OptionalLong declared = req.headers().contentLength();
        if (declared.isPresent() && declared.getAsLong() > limit) {
            throw ApiException.tooLarge(null, "request body of " + declared.getAsLong() + " bytes is over the limit of "
                    + limit + " bytes");
        }
    }

    /**
     * Sends {@code value} as JSON with {@code status}, and a {@code Server-Timing} header ({@code
     * app;dur=MILLISECONDS}) of the server's time from the request received to its response ready to write.
     */
    static void send(ServerResponse res, int status, Object value) {
        res.status(Status.create(status));
        res.header(HeaderValues.CONTENT_TYPE_JSON);
        byte[] body = Json.bytes(value);
        long now = System.nanoTime();
        res.header(SERVER_TIMING, "app;dur=" + (now - RequestClock.received(now)) / 1_000 / 1e3);
        res.send(body);
    }

    /** W3C trace-context headers of a request ({@code traceparent}, {@code tracestate}) that it carries. */
    static Map<String, String> traceContext(ServerRequest req) {
        Map<String, String> out = new HashMap<>(2);
        for (String name : TRACE_HEADERS) {
            req.headers().first(HeaderNames.create(name)).ifPresent(v -> out.put(name, v));
        }
        return Map.copyOf(out);
    }

    /** Whether the client asked for a stream of server-sent events. */
    static boolean wantsEvents(ServerRequest req) {
        return req.headers().first(HeaderNames.ACCEPT).map(a -> a.contains("text/event-stream")).orElse(false);
    }
}
