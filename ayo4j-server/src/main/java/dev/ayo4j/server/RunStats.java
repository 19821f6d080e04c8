// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ayo4j.server.AppService.RunHandle;
import dev.ayo4j.spi.Ticker;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Figures of the runs this server made, for the console's operations view ({@code GET /v1/stats}): runs
 * ended by outcome, and end-to-end latency percentiles of the runs that succeeded in the last {@link
 * #WINDOW}, computed by Micrometer's time-window percentile histogram (a registry of its own, so that they
 * add nothing to {@code /metrics}). Thread-safe.
 */
final class RunStats {
    /** The window latency percentiles cover: 1 minute. */
    static final Duration WINDOW = Duration.ofMinutes(1);
    private static final double[] PERCENTILES = {0.5, 0.95, 0.99};

    private final Ticker ticker;
    private final Timer latency;
    private final LongAdder succeeded = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final AtomicLong lastSuccessNanos = new AtomicLong(Long.MIN_VALUE);

    RunStats(Ticker ticker) {
        this.ticker = ticker;
        this.latency = Timer.builder("ayo4j.server.run.latency").publishPercentiles(PERCENTILES)
                .distributionStatisticExpiry(WINDOW).distributionStatisticBufferLength(2)
                .register(new SimpleMeterRegistry());
    }

    /** Counts {@code h} when it ends. */
    void started(RunHandle h) {
        h.outcome().whenComplete((r, t) -> {
            if (t != null || r == null) {
                failed.increment();
                return;
            }
            latency.record(r.query().endToEndNanos(), TimeUnit.NANOSECONDS);
            lastSuccessNanos.set(ticker.read());
            succeeded.increment();
        });
    }

    /**
     * {@code runs} (running, succeeded, failed: the latter two since the server started) and {@code
     * latency_ms} ({@code p50}, {@code p95}, {@code p99}, {@code window_s}; the percentiles are null when no
     * run succeeded in the window).
     */
    void writeTo(ObjectNode out, int running) {
        out.putObject("runs").put("running", running).put("succeeded", succeeded.sum()).put("failed", failed.sum());
        ObjectNode l = out.putObject("latency_ms").put("window_s", WINDOW.toSeconds());
        long last = lastSuccessNanos.get();
        boolean recent = last != Long.MIN_VALUE && ticker.read() - last <= WINDOW.toNanos();
        for (ValueAtPercentile p : latency.takeSnapshot().percentileValues()) {
            String name = "p" + Math.round(p.percentile() * 100);
            if (recent) {
                l.put(name, Runs.ms((long) p.value(TimeUnit.NANOSECONDS)));
            } else {
                l.putNull(name);
            }
        }
    }
}
