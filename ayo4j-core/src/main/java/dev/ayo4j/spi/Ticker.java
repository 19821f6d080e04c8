// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.spi;

/**
 * Source of time in nanoseconds for schedulers, policies and traces; the only place ayo4j reads the
 * clock. Inject a manual ticker in tests to drive time by hand.
 */
@FunctionalInterface
public interface Ticker {
    /** Nanoseconds since an arbitrary origin; monotonic. */
    long read();

    /** The system's monotonic clock. */
    static Ticker systemTicker() {
        return SystemTicker.INSTANCE;
    }
}

/** The system ticker. */
enum SystemTicker implements Ticker {
    INSTANCE;

    @Override
    public long read() {
        return System.nanoTime();
    }
}
