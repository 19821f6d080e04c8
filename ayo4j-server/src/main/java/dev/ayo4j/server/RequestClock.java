// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.server;

/**
 * When the request being handled on this thread was received: {@link ClientWatch}, the server's HTTP/1.1
 * receive listener, marks it as Helidon reads a request's first line on the connection's thread, just
 * before it reads the headers and routes the request on that same thread. The server's own time per
 * request runs from here to the end of its response ({@link Ayo4jServer#HTTP_REQUESTS}, the {@code
 * Server-Timing} header).
 */
final class RequestClock {
    /**
     * {@link System#nanoTime()} at the prologue of the request this connection thread handles and when its
     * response was sent; 0 if not marked.
     */
    private static final ThreadLocal<long[]> RECEIVED = ThreadLocal.withInitial(() -> new long[2]);

    private RequestClock() {}

    /** Marks a request received on this thread now. */
    static void received() {
        long[] t = RECEIVED.get();
        t[0] = System.nanoTime();
        t[1] = 0;
    }

    /** Marks the response of the request handled on this thread sent now, before its handler returns. */
    static void responded() {
        RECEIVED.get()[1] = System.nanoTime();
    }

    /**
     * When the response of the request handled on this thread was sent, if its handler marked it ({@link
     * #responded()}), else {@code otherwise}.
     */
    static long responded(long otherwise) {
        long t = RECEIVED.get()[1];
        return t == 0 ? otherwise : t;
    }

    /**
     * {@link System#nanoTime()} when the request handled on this thread was received, or {@code otherwise} on
     * a thread that is not an HTTP/1.1 connection's.
     */
    static long received(long otherwise) {
        long t = RECEIVED.get()[0];
        return t == 0 ? otherwise : t;
    }
}
