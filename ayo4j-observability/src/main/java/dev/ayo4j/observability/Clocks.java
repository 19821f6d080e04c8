// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.observability;

import dev.ayo4j.spi.Ticker;
import java.time.Instant;

/**
 * The runtime's ticker and the wall clock it is mapped onto: spans and trace files carry epoch times, run
 * events carry ticker nanoseconds. The offset is read once, so that times of one process stay consistent.
 *
 * @param ticker      the runtime's ticker
 * @param offsetNanos epoch nanoseconds minus ticker nanoseconds
 */
public record Clocks(Ticker ticker, long offsetNanos) {
    /** The system ticker mapped onto the system clock now. */
    public static Clocks system() {
        return of(Ticker.systemTicker());
    }

    /** {@code ticker} mapped onto the system clock now. */
    public static Clocks of(Ticker ticker) {
        Instant now = Instant.now();
        long epoch = now.getEpochSecond() * 1_000_000_000L + now.getNano();
        return new Clocks(ticker, epoch - ticker.read());
    }

    /** Epoch nanoseconds of a ticker time. */
    public long epochNanos(long tickerNanos) {
        return tickerNanos + offsetNanos;
    }
}
