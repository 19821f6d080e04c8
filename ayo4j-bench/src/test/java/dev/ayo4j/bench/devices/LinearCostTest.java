// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.bench.devices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.ayo4j.bench.devices.LinearCost.Sample;
import java.util.List;
import org.junit.jupiter.api.Test;

class LinearCostTest {
    @Test
    void aLineThroughItsSamplesIsFound() {
        LinearCost c = LinearCost.fit(List.of(new Sample(100, 3_000), new Sample(200, 5_000), new Sample(400, 9_000)));

        assertThat(c.fixedNanos()).isCloseTo(1_000, within(1e-6));
        assertThat(c.perUnitNanos()).isCloseTo(20, within(1e-9));
        assertThat(c.nanos(300)).isEqualTo(7_000);
    }

    @Test
    void unitsThatBarelyVaryGiveACostProportionalToThem() {
        LinearCost c = LinearCost.fit(List.of(new Sample(1_000, 2_000_000), new Sample(1_100, 2_400_000)));

        assertThat(c.fixedNanos()).isZero();
        assertThat(c.perUnitNanos()).isCloseTo(4_400_000 / 2_100.0, within(1e-9));
    }

    @Test
    void aNegativeInterceptIsRefittedThroughTheOrigin() {
        LinearCost c = LinearCost.fit(List.of(new Sample(100, 100), new Sample(300, 900)));

        assertThat(c.fixedNanos()).isZero();
        assertThat(c.perUnitNanos()).isCloseTo((100 * 100 + 300 * 900) / (100.0 * 100 + 300 * 300), within(1e-9));
    }

    @Test
    void aNegativeSlopeKeepsTheMeanAsAFixedCost() {
        LinearCost c = LinearCost.fit(List.of(new Sample(100, 900), new Sample(300, 100)));

        assertThat(c).isEqualTo(new LinearCost(500, 0));
    }

    @Test
    void noSamplesCostNothingAndNegativeCostsAreRejected() {
        assertThat(LinearCost.fit(List.of())).isEqualTo(LinearCost.FREE);
        assertThatThrownBy(() -> new LinearCost(-1, 0)).hasMessageContaining("costs must be >= 0");
    }
}
