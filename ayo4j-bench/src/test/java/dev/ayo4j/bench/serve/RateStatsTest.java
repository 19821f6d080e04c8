// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.bench.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import dev.ayo4j.bench.serve.RequestOutcome.Status;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RateStatsTest {
    private static final long MS = 1_000_000;

    private static RequestOutcome ok(int i, long arrivalMs, long latencyMs, long ttftMs) {
        return new RequestOutcome(i, arrivalMs * MS, arrivalMs * MS, latencyMs * MS, ttftMs * MS, Status.OK, 200, "");
    }

    @Test
    void percentilesGoodputAndRatesOfASmallFixture() {
        // ten answered requests, one a second, latencies 100..1000 ms; one 429 and one failure
        List<RequestOutcome> out = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            out.add(ok(i, i * 1000L, (i + 1) * 100L, 50));
        }
        out.add(new RequestOutcome(10, 9_500 * MS, 9_500 * MS, 2 * MS, -1, Status.REJECTED, 429, "HTTP 429"));
        out.add(new RequestOutcome(11, 9_600 * MS, 9_600 * MS, 10 * MS, -1, Status.FAILED, 500, "HTTP 500"));
        RateStats s = RateStats.of("x", "trace 1.0/s", 1.0, out, 450 * MS);

        assertThat(s.requests()).isEqualTo(12);
        assertThat(s.ok()).isEqualTo(10);
        assertThat(s.rejected()).isEqualTo(1);
        assertThat(s.failed()).isEqualTo(1);
        // nearest rank over the 10 answered: P50 = 5th = 500, P90 = 9th = 900, P99 = 10th = 1000
        assertThat(s.p50Ms()).isEqualTo(500);
        assertThat(s.p90Ms()).isEqualTo(900);
        assertThat(s.p99Ms()).isEqualTo(1000);
        assertThat(s.meanMs()).isEqualTo(550);
        assertThat(s.ttftP50Ms()).isEqualTo(50);
        // makespan: first arrival 0 to the last response, 9 s + 1000 ms = 10 s
        assertThat(s.makespanS()).isEqualTo(10.0);
        assertThat(s.throughput()).isEqualTo(1.0);
        // within 450 ms: 100, 200, 300, 400 -> 4 over 10 s; 4 of all 12 requests
        assertThat(s.goodput()).isEqualTo(0.4);
        assertThat(s.sloAttained()).isCloseTo(4 / 12.0, offset(1e-12));
        assertThat(s.sloMs()).isEqualTo(450);
    }

    @Test
    void noAnswerGivesNoPercentilesButCountsTheRefusals() {
        RateStats s = RateStats.of("x", "trace", 1, List.of(new RequestOutcome(0, 0, 0, 5 * MS, -1, Status.REJECTED,
                429, "")), MS);
        assertThat(s.ok()).isZero();
        assertThat(s.rejected()).isEqualTo(1);
        assertThat(s.p90Ms()).isNaN();
        assertThat(s.goodput()).isZero();
    }

    @Test
    void targetsTakeTheHighestRateWhereTheBaselineHeld() {
        long slo = 10_000 * MS;
        List<RateStats> rows = List.of(
                RateStats.of("a", "one", 0, List.of(ok(0, 0, 900, 1), ok(1, 1000, 900, 1)), slo),
                RateStats.of("b", "one", 0, List.of(ok(0, 0, 1000, 1), ok(1, 1000, 1000, 1)), slo),
                RateStats.of("a", "r1", 0.1, List.of(ok(0, 0, 1000, 1), ok(1, 10_000, 1000, 1)), slo),
                RateStats.of("b", "r1", 0.1, List.of(ok(0, 0, 1900, 1), ok(1, 10_000, 1900, 1)), slo),
                RateStats.of("a", "r2", 0.2, List.of(ok(0, 0, 1000, 1), ok(1, 5_000, 1000, 1)), slo),
                RateStats.of("b", "r2", 0.2, List.of(ok(0, 0, 2500, 1), ok(1, 5_000, 2500, 1)), slo));
        ServeReport.Targets t = ServeReport.Targets.of(rows, new Overhead(10, 100, 120, 500, 600, 400, 450, 400, 300, 150, 80, 200), "a", "b");
        // b's P90 at 0.2/s (2500) is over twice its one-at-a-time P90 (1000): 0.1/s is the rate
        assertThat(t.rate()).isEqualTo(0.1);
        assertThat(t.p90Ratio()).isEqualTo(1.9);
        assertThat(t.p90Met()).isTrue();
        // makespans 11.0 s and 11.9 s for 2 answers each
        assertThat(t.throughputRatio()).isCloseTo(11.9 / 11.0, offset(1e-9));
        assertThat(t.throughputMet()).isFalse();
        assertThat(t.overheadMs()).isEqualTo(0.3);
        assertThat(t.overheadMet()).isTrue();
    }
}
