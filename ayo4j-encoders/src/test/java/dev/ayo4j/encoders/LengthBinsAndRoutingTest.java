// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.encoders;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LengthBinsAndRoutingTest {
    @Test
    void placesLengthsInTheTightestBin() {
        LengthBins bins = LengthBins.cpuDefault();
        assertThat(bins.binOf(1)).isZero();
        assertThat(bins.binOf(32)).isZero();
        assertThat(bins.binOf(33)).isEqualTo(1);
        assertThat(bins.binOf(512)).isEqualTo(4);
        assertThat(bins.binOf(9000)).isEqualTo(4);
    }

    @Test
    void aStaircaseProfileGivesOneBinPerStair() {
        assertThat(LengthBins.fromLatency(ForwardPassLatency.arloBertBase3090(), 512, 8, 0.05))
                .isEqualTo(LengthBins.uniform(64, 512));
    }

    @Test
    void theMeasuredCpuProfileGivesRoughlyDoublingBins() {
        assertThat(LengthBins.fromLatency(ForwardPassLatency.measuredCpuFp32(), 512, 32, 1.0).upperBounds())
                .containsExactly(32, 64, 128, 224, 416, 512);
    }

    @Test
    void theMeasuredProfileMatchesTheNotesTable() {
        ForwardPassLatency cpu = ForwardPassLatency.measuredCpuFp32();
        assertThat(cpu.latencyNanos(8, 64) / 1e6).isBetween(77.27 * 0.9, 77.27 * 1.1);
        assertThat(cpu.latencyNanos(1, 512) / 1e6).isBetween(98.54 * 0.9, 98.54 * 1.1);
        ForwardPassLatency gpu = ForwardPassLatency.arloBertBase3090();
        assertThat((double) gpu.latencyNanos(1, 512) / gpu.latencyNanos(1, 64)).isBetween(4.2, 4.25);
    }

    @Test
    void routesToTheTightestBinUnlessCongested() {
        ArloRouting r = ArloRouting.DEFAULT;
        assertThat(r.choose(1, 5, b -> 0.5)).isEqualTo(1);
        assertThat(r.choose(1, 5, b -> b == 1 ? 0.9 : 0.5)).isEqualTo(2);
        // λ·α = 0.765 at the second level: 0.8 is too much there, and 0.7 at the third (λ·α² = 0.6885) too.
        assertThat(r.choose(0, 5, b -> b == 0 ? 0.9 : b == 1 ? 0.8 : b == 2 ? 0.7 : 0.1)).isEqualTo(3);
        assertThat(r.choose(0, 5, b -> 1.0)).isZero();
        assertThat(r.withLevels(2).choose(0, 5, b -> b < 2 ? 1.0 : 0.0)).isZero();
        assertThat(r.choose(0, 4, b -> b == 0 ? Double.NaN : 1.0)).isEqualTo(1);
    }
}
