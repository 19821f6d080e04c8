// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.server;

import io.helidon.http.HttpPrologue;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.http1.Http1ConnectionListener;
import org.jspecify.annotations.Nullable;

/**
 * Notices a client that closes its connection while it waits for a response that has not begun, so that
 * the run it asked for is cancelled instead of running for nobody.
 *
 * <p>Helidon SE 4.5 tells a handler nothing of the connection: a streamed response learns of a client
 * that went at its next write, a plain response only when it is finally sent. So the server installs this
 * as an HTTP/1.1 receive listener, which Helidon calls with the {@link ConnectionContext} on the
 * connection's thread just before it routes a request on that same thread; the handler then reads the
 * context back from a thread-local (a scoped value cannot be bound around Helidon's call). Once the
 * request's body is read, {@link #watch} starts a virtual thread that blocks on the connection's reader:
 * a client that closes its socket ends that read (end of stream or reset) and {@code onGone} runs.
 *
 * <p>The connection stays open for the client's next request. The watching read pulls bytes into the
 * connection's own reader, where Helidon reads them next, so nothing is lost; but nothing else may read
 * the connection while it runs, so {@link Watch#close()}, after the response is sent, waits for that read
 * to end: when the client sends its next request or closes the connection. Until then the handler's
 * thread waits, as the connection's thread would have waited for the next request anyway, and the
 * server's own time of the request ends when its response was sent ({@link RequestClock#responded()}). A
 * connection that is not HTTP/1.1 (no context) is not watched.
 *
 * <p>It also marks when each request was received ({@link RequestClock}). It must stay the server's only
 * receive listener: Helidon 4.5 calls a single listener, but its composite of several forwards no call.
 */
final class ClientWatch implements Http1ConnectionListener {
    private static final System.Logger LOG = System.getLogger(ClientWatch.class.getName());
    /** The context of the connection whose thread this is; Helidon runs one connection per thread. */
    private static final ThreadLocal<ConnectionContext> CONNECTION = new ThreadLocal<>();

    @Override
    public void prologue(ConnectionContext ctx, HttpPrologue prologue) {
        RequestClock.received();
        CONNECTION.set(ctx);
    }

    /**
     * Watches the connection of the request being handled on this thread, whose body must be read already;
     * {@code onGone} runs (on another thread) if the client closes the connection before {@link
     * Watch#close()}. Call on the handler's thread.
     */
    static Watch watch(Runnable onGone) {
        ConnectionContext ctx = CONNECTION.get();
        return ctx == null ? new Watch(null, null) : new Watch(ctx, onGone);
    }

    /** One watched request; {@link #close()} after its response is sent (or could not be). */
    static final class Watch implements AutoCloseable {
        private final @Nullable ConnectionContext ctx;
        private final @Nullable Thread reader;
        private volatile boolean closing;

        private Watch(@Nullable ConnectionContext ctx, @Nullable Runnable onGone) {
            this.ctx = ctx;
            this.reader = ctx == null || onGone == null ? null : Thread.ofVirtual().name("ayo4j-client-watch")
                    .start(() -> read(ctx, onGone));
        }

        private void read(ConnectionContext ctx, Runnable onGone) {
            try {
                // Blocks until the client sends more (it is still there) or closes the connection.
                ctx.dataReader().ensureAvailable();
            } catch (RuntimeException gone) {
                if (!closing) {
                    LOG.log(System.Logger.Level.DEBUG, "client {0} closed its connection before the response",
                            ctx.remotePeer().address());
                    onGone.run();
                }
            }
        }

        /**
         * Ends the watch once the response is sent: waits until the watching read ends, when the client sends
         * its next request (which stays in the connection's reader for Helidon) or closes the connection.
         */
        @Override
        public void close() {
            if (reader == null || ctx == null) {
                return;
            }
            RequestClock.responded();
            closing = true;
            try {
                reader.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                try {
                    ctx.serverSocket().close(); // nobody may read the connection while the watch still does
                } catch (RuntimeException ex) {
                    LOG.log(System.Logger.Level.DEBUG, "closing a watched connection: {0}", ex.toString());
                }
            }
        }
    }
}
