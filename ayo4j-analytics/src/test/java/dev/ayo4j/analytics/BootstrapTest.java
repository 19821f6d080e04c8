// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class BootstrapTest {
    @Test
    void identicalSamplesGiveAnIntervalAroundZero() {
        double[] a = new double[200];
        for (int i = 0; i < a.length; i++) {
            a[i] = i % 10;
        }
        Bootstrap.Interval d = Bootstrap.meanDifference(a, a.clone(), 2000, 1);
        assertThat(d.estimate()).isZero();
        assertThat(d.excludesZero()).isFalse();
        // The standard error of a difference of two means of 200 draws with sd ~2.87 is ~0.29: the 95 % interval
        // half-width is about 0.56.
        assertThat(d.high() - d.low()).isCloseTo(2 * 1.96 * Math.sqrt(2 * 8.25 / 200), within(0.2));
    }

    @Test
    void constantSamplesGiveAPointInterval() {
        Bootstrap.Interval d = Bootstrap.meanDifference(new double[] {3, 3, 3}, new double[] {5, 5}, 500, 1);
        assertThat(d.estimate()).isEqualTo(2.0);
        assertThat(d.low()).isEqualTo(2.0);
        assertThat(d.high()).isEqualTo(2.0);
        assertThat(d.excludesZero()).isTrue();
    }
}
