// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.bench.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ayo4j.bench.Stats;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArrivalsTest {
    @Test
    void poissonOffsetsStartAtZeroAndIncreaseDeterministically() {
        List<Long> a = new Arrivals.Poisson(2, 42).offsets(20);
        assertThat(a.getFirst()).isZero();
        assertThat(a).isSorted().isEqualTo(new Arrivals.Poisson(2, 42).offsets(20));
    }

    @Test
    void burstsArriveTogether() {
        List<Long> b = new Arrivals.Bursty(1, 3, 7).offsets(7);
        assertThat(b.subList(0, 3)).containsOnly(0L);
        assertThat(b.get(3)).isEqualTo(b.get(5)).isPositive();
        assertThat(b.get(6)).isGreaterThan(b.get(5));
    }

    @Test
    void percentileIsNearestRank() {
        assertThat(Stats.percentile(List.of(1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0), 90)).isEqualTo(9.0);
        assertThat(Stats.mean(List.of(1.0, 3.0))).isEqualTo(2.0);
    }
}
