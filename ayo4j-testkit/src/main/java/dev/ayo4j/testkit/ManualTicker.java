// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.testkit;

import dev.ayo4j.Checks;
import dev.ayo4j.spi.Ticker;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Ticker that only moves when a test moves it, so that schedulers, policies and traces can be checked
 * without reading the clock. Thread-safe; time never goes backwards.
 */
public final class ManualTicker implements Ticker {
    private final AtomicLong nanos = new AtomicLong();

    /** A ticker at time 0. */
    public ManualTicker() {}

    @Override
    public long read() {
        return nanos.get();
    }

    /** Moves time forward by {@code amount} (not negative); returns the new time. */
    public long advance(Duration amount) {
        Checks.argument(!amount.isNegative(), "a manual ticker cannot go back: %s", amount);
        return nanos.addAndGet(amount.toNanos());
    }

    /** Sets the time to {@code newNanos}, which must not be earlier than now. */
    public void set(long newNanos) {
        long before = nanos.getAndAccumulate(newNanos, Math::max);
        Checks.argument(newNanos >= before, "a manual ticker cannot go back from %s to %s", before, newNanos);
    }
}
