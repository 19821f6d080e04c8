// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.server;

import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * A response of server-sent events, written on the response's own output stream. {@link #send} writes an
 * event and flushes it; {@link #write} only buffers it, and {@link #flush} sends what is buffered in one
 * write, so that a run's events that come together (the answer's opening chunk, its last chunks and {@code
 * [DONE]}) cost one socket write instead of one each, while none waits once the writer has nothing else to
 * do. (Helidon's {@code SseSink} writes the headers on their own and flushes every event.) A failed write
 * means the client has gone: it surfaces as {@link ClientGoneException}, on which the caller cancels what
 * it was streaming.
 */
final class EventStream implements AutoCloseable {
    private static final byte[] DATA = "data: ".getBytes(StandardCharsets.UTF_8);
    private static final byte[] EVENT = "event: ".getBytes(StandardCharsets.UTF_8);
    private static final byte[] KEEP_ALIVE = ":keep-alive\n\n".getBytes(StandardCharsets.UTF_8);

    /** The client closed the connection while events were being written to it. */
    static final class ClientGoneException extends RuntimeException {
        ClientGoneException(Throwable cause) {
            super("the client closed the stream", cause);
        }
    }

    private final OutputStream out;
    private boolean closed;

    EventStream(ServerResponse res) {
        res.header(HeaderValues.CONTENT_TYPE_EVENT_STREAM);
        res.header(HeaderNames.CACHE_CONTROL, "no-cache");
        res.header(HeaderNames.create("X-Accel-Buffering"), "no");
        try {
            this.out = res.outputStream(); // the headers go with the first flush
        } catch (RuntimeException ex) {
            throw new ClientGoneException(ex);
        }
    }

    /** One event, sent now: {@code name} (none if null) and {@code value} written as one line of JSON. */
    void send(@Nullable String name, Object value) {
        write(name, value);
        flush();
    }

    /** One event, buffered until the next {@link #flush}, {@link #send} or {@link #close}. */
    void write(@Nullable String name, Object value) {
        byte[] data = value instanceof String s ? s.getBytes(StandardCharsets.UTF_8) : Json.bytes(value);
        try {
            if (name != null) {
                out.write(EVENT);
                out.write(name.getBytes(StandardCharsets.UTF_8));
                out.write('\n');
            }
            // one data line per line of the value ("data: " with its space, as OpenAI writes it)
            int from = 0;
            for (int i = 0; i <= data.length; i++) {
                if (i == data.length || data[i] == '\n') {
                    out.write(DATA);
                    out.write(data, from, i - from);
                    out.write('\n');
                    from = i + 1;
                }
            }
            out.write('\n');
        } catch (IOException | RuntimeException ex) {
            throw gone(ex);
        }
    }

    /** Sends what is buffered. */
    void flush() {
        try {
            out.flush();
        } catch (IOException | RuntimeException ex) {
            throw gone(ex);
        }
    }

    /** A comment line, sent now, so that a client that has gone is noticed while nothing else is sent. */
    void keepAlive() {
        try {
            out.write(KEEP_ALIVE);
            out.flush();
        } catch (IOException | RuntimeException ex) {
            throw gone(ex);
        }
    }

    private ClientGoneException gone(Exception ex) {
        closed = true;
        return new ClientGoneException(ex);
    }

    /** Sends what is buffered and ends the stream. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            try {
                out.close();
            } catch (IOException | RuntimeException ignored) {
                // the client went away between the last event and the end of the stream
            }
        }
    }
}
