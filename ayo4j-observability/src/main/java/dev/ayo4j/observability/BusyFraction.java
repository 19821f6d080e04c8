// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.observability;

import dev.ayo4j.runtime.EngineScheduler;
import dev.ayo4j.spi.Ticker;

/** Gauge value: the share of the time since its previous read that an engine had a batch executing. */
final class BusyFraction {
    private final EngineScheduler scheduler;
    private final Ticker ticker;
    private long lastBusy;
    private long lastAt;

    BusyFraction(EngineScheduler scheduler, Ticker ticker) {
        this.scheduler = scheduler;
        this.ticker = ticker;
        this.lastBusy = scheduler.busyNanos();
        this.lastAt = ticker.read();
    }

    synchronized double read() {
        long busy = scheduler.busyNanos();
        long now = ticker.read();
        double f = now > lastAt ? (double) (busy - lastBusy) / (now - lastAt) : 0;
        lastBusy = busy;
        lastAt = now;
        return Math.min(1, Math.max(0, f));
    }
}
