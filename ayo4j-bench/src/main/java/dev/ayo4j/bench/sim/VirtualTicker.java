// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.bench.sim;

import dev.ayo4j.Checks;
import dev.ayo4j.spi.Ticker;

/** Ticker of a simulation's virtual time; only the simulator moves it, and never backwards. Not thread-safe. */
final class VirtualTicker implements Ticker {
    private long now;

    @Override
    public long read() {
        return now;
    }

    void set(long nanos) {
        Checks.state(nanos >= now, "virtual time cannot go back from %s to %s", now, nanos);
        now = nanos;
    }
}
