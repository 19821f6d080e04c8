// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.server;

import io.helidon.http.HeaderNames;
import io.helidon.http.sse.SseEvent;
import io.helidon.webserver.http.ServerResponse;
import io.helidon.webserver.sse.SseSink;
import org.jspecify.annotations.Nullable;

/**
 * A response of server-sent events. A failed write means the client has gone: it surfaces as {@link
 * ClientGoneException}, on which the caller cancels what it was streaming.
 */
final class EventStream implements AutoCloseable {
    /** The client closed the connection while events were being written to it. */
    static final class ClientGoneException extends RuntimeException {
        ClientGoneException(Throwable cause) {
            super("the client closed the stream", cause);
        }
    }

    private final SseSink sink;
    private boolean closed;

    EventStream(ServerResponse res) {
        res.header(HeaderNames.CACHE_CONTROL, "no-cache");
        res.header(HeaderNames.create("X-Accel-Buffering"), "no");
        try {
            this.sink = res.sink(SseSink.TYPE); // writes the headers
        } catch (RuntimeException ex) {
            throw new ClientGoneException(ex);
        }
    }

    /** One event: {@code name} (none if null) and {@code value} written as one line of JSON. */
    void send(@Nullable String name, Object value) {
        String data = value instanceof String s ? s : new String(Json.bytes(value), java.nio.charset.StandardCharsets.UTF_8);
        // "data: " with its space, as OpenAI writes it; SSE parsers drop one leading space.
        SseEvent.Builder b = SseEvent.builder().data(" " + data);
        if (name != null) {
            b.name(name);
        }
        emit(b.build());
    }

    /** A comment line, so that a client that has gone is noticed while nothing else is sent. */
    void keepAlive() {
        emit(SseEvent.builder().comment("keep-alive").build());
    }

    private void emit(SseEvent e) {
        try {
            sink.emit(e);
        } catch (RuntimeException ex) {
            closed = true;
            throw new ClientGoneException(ex);
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            try {
                sink.close();
            } catch (RuntimeException ignored) {
                // the client went away between the last event and the end of the stream
            }
        }
    }
}
