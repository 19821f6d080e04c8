// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.bench.serve;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What {@code bench serve} measured: per system and arrival pattern the {@link RateStats}, every request's
 * outcome, the server's overhead per request on no-op engines, and the targets checked against them.
 *
 * @param trace          the trace window replayed
 * @param traceRate      the window's own mean rate in requests/s, before scaling
 * @param stack          the engines both systems ran on
 * @param app            the app every request called
 * @param corpusPassages passages of the corpus each system searched
 * @param sloMs          the latency SLO of the goodput
 * @param overhead       the server's overhead per request
 * @param rows           one per system and arrival pattern, one-at-a-time rows first
 * @param requests       every request of every row
 * @param targets        the targets, checked
 */
public record ServeReport(String trace, double traceRate, String stack, String app, int corpusPassages, double sloMs,
                          Overhead overhead, List<RateStats> rows, List<RequestRow> requests, Targets targets) {
    public ServeReport {
        rows = List.copyOf(rows);
        requests = List.copyOf(requests);
        Objects.requireNonNull(targets, "targets");
    }

    /** One request, with its system and arrival pattern: a row of the CSV of requests. */
    public record RequestRow(String system, String arrivals, double rate, int index, double arrivalMs, double sentMs,
                             double latencyMs, double ttftMs, String status, int httpStatus, String detail) {
        static RequestRow of(String system, String arrivals, double rate, RequestOutcome o) {
            return new RequestRow(system, arrivals, rate, o.index(), o.arrivalNanos() / 1e6, o.sentNanos() / 1e6,
                    o.latencyNanos() / 1e6, o.ttftNanos() < 0 ? -1 : o.ttftNanos() / 1e6, o.status().name(),
                    o.httpStatus(), o.detail());
        }
    }

    /**
     * The targets: at the highest trace rate at which (b)'s P90 stays under twice its one-at-a-time
     * P90, (a)'s P90 at least 1.5x lower and its throughput at least 1.3x higher; the overhead under 1 ms.
     *
     * @param rate            that rate; null if (b) held at no rate
     * @param lc4jBaseP90Ms   (b)'s one-at-a-time P90
     * @param lc4jP90Ms       (b)'s P90 at {@code rate}
     * @param ayoP90Ms        (a)'s P90 at {@code rate}
     * @param p90Ratio        {@code lc4jP90Ms / ayoP90Ms} (target >= 1.5)
     * @param throughputRatio (a)'s throughput over (b)'s at {@code rate} (target >= 1.3)
     * @param overheadMs      the server's own overhead per request: its time per request less a direct call's
     *                        (target &lt; 1)
     */
    public record Targets(@Nullable Double rate, double lc4jBaseP90Ms, double lc4jP90Ms, double ayoP90Ms,
                          double p90Ratio, double throughputRatio, double overheadMs) {
        /** Required P90 ratio. */
        public static final double P90_RATIO = 1.5;
        /** Required throughput ratio. */
        public static final double THROUGHPUT_RATIO = 1.3;
        /** Largest overhead, in ms. */
        public static final double OVERHEAD_MS = 1.0;

        public boolean p90Met() {
            return rate != null && p90Ratio >= P90_RATIO;
        }

        public boolean throughputMet() {
            return rate != null && throughputRatio >= THROUGHPUT_RATIO;
        }

        public boolean overheadMet() {
            return overheadMs < OVERHEAD_MS;
        }

        /** The targets checked on {@code rows} (with one-at-a-time rows of both systems) and {@code overhead}. */
        static Targets of(List<RateStats> rows, Overhead overhead, String ayo, String lc4j) {
            double overheadMs = overhead.serverOverheadUs() / 1000;
            RateStats base = rows.stream().filter(r -> r.system().equals(lc4j) && r.offeredRate() == 0).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no one-at-a-time row of " + lc4j));
            RateStats held = null;
            for (RateStats r : rows) {
                if (r.system().equals(lc4j) && r.offeredRate() > 0 && r.p90Ms() < 2 * base.p90Ms()
                        && (held == null || r.offeredRate() > held.offeredRate())) {
                    held = r;
                }
            }
            if (held == null) {
                return new Targets(null, base.p90Ms(), Double.NaN, Double.NaN, Double.NaN, Double.NaN, overheadMs);
            }
            double rate = held.offeredRate();
            RateStats a = rows.stream().filter(r -> r.system().equals(ayo) && r.offeredRate() == rate).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no row of " + ayo + " at " + rate));
            return new Targets(rate, base.p90Ms(), held.p90Ms(), a.p90Ms(), held.p90Ms() / a.p90Ms(),
                    a.throughput() / held.throughput(), overheadMs);
        }
    }
}
