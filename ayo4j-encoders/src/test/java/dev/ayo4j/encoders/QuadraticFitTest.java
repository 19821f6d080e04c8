// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.encoders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class QuadraticFitTest {
    @Test
    void recoversTheCoefficientsOfExactSamples() {
        List<QuadraticFit.Sample> samples = new ArrayList<>();
        for (int bs : new int[] {1, 4, 16}) {
            for (int len : new int[] {16, 64, 256, 512}) {
                double tokens = (double) bs * len;
                samples.add(new QuadraticFit.Sample(bs, len, 1.2 + 0.15 * tokens + 5e-5 * tokens * len));
            }
        }
        QuadraticFit.Coefficients c = QuadraticFit.fit(samples);
        assertThat(c.a()).isCloseTo(1.2, within(1e-6));
        assertThat(c.b()).isCloseTo(0.15, within(1e-9));
        assertThat(c.c()).isCloseTo(5e-5, within(1e-12));
        assertThat(c.worstRelativeError(samples)).isLessThan(1e-9);
    }

    @Test
    void dropsACoefficientThatWouldMakeCostFallWithWork() {
        // Costs that grow less than linearly in tokens would fit a negative attention term.
        List<QuadraticFit.Sample> samples = List.of(new QuadraticFit.Sample(1, 16, 2), new QuadraticFit.Sample(1, 256, 20),
                new QuadraticFit.Sample(1, 512, 30), new QuadraticFit.Sample(4, 128, 40));
        QuadraticFit.Coefficients c = QuadraticFit.fit(samples);
        assertThat(c.b()).isNotNegative();
        assertThat(c.c()).isZero();
        assertThat(c.toLatency().latencyNanos(4, 512)).isGreaterThan(c.toLatency().latencyNanos(1, 512));
    }
}
