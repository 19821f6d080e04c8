// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.encoders;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ayo4j.encoders.Allocator.Allocation;
import dev.ayo4j.encoders.Allocator.BinLoad;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AllocatorTest {
    private static List<BinLoad> loads(double[] rates) {
        List<BinLoad> list = new ArrayList<>();
        for (int i = 0; i < rates.length; i++) {
            list.add(new BinLoad(rates[i], 0.001 * (i + 1)));
        }
        return list;
    }

    private static int sum(List<Integer> split) {
        return split.stream().mapToInt(Integer::intValue).sum();
    }

    @Test
    void keepsOneWorkerOnTheLongestBinEvenWithoutTraffic() {
        Allocation a = Allocator.allocate(10, loads(new double[] {3000, 500, 0, 0}));
        assertThat(a.workers(3)).isGreaterThanOrEqualTo(1);
        assertThat(sum(a.workersPerBin())).isEqualTo(10);
    }

    @Test
    void followsTheLengthHistogram() {
        Allocation shortHeavy = Allocator.allocate(20, loads(new double[] {8000, 500, 100, 10}));
        Allocation longHeavy = Allocator.allocate(20, loads(new double[] {500, 500, 1000, 2000}));
        assertThat(shortHeavy.workers(0)).isGreaterThan(longHeavy.workers(0));
        assertThat(longHeavy.workers(3)).isGreaterThan(shortHeavy.workers(3));
        assertThat(shortHeavy.estimatedLatencySeconds()).isLessThan(0.01);
    }

    @Test
    void leavesAQuietBinEmptyAndDemotesItsTraffic() {
        Allocation a = Allocator.allocate(6, loads(new double[] {1500, 1, 0, 300}));
        assertThat(a.workers(1)).isZero();
        assertThat(a.workers(2)).isZero();
    }

    @Test
    void theExactSolverIsNoWorseThanAnEvenSplitOrTheGreedy() {
        SplittableRandom random = new SplittableRandom(11);
        for (int round = 0; round < 50; round++) {
            int bins = 2 + random.nextInt(6);
            int workers = bins + random.nextInt(30);
            double[] rates = new double[bins];
            for (int i = 0; i < bins; i++) {
                rates[i] = random.nextDouble(0, 2000);
            }
            List<BinLoad> loads = loads(rates);
            Allocation exact = Allocator.allocate(workers, loads);
            assertThat(exact.exact()).isTrue();
            assertThat(sum(exact.workersPerBin())).isEqualTo(workers);
            assertThat(exact.workers(bins - 1)).isPositive();
            double best = exact.estimatedLatencySeconds();
            assertThat(Allocator.estimate(exact.workersPerBin(), loads)).isCloseTo(best,
                    org.assertj.core.api.Assertions.within(1e-9 * Math.max(1, best)));
            assertThat(Allocator.estimate(Allocator.evenSplit(workers, bins), loads))
                    .isGreaterThanOrEqualTo(best * (1 - 1e-9));
        }
    }

    @Test
    void theGreedyTakesOverForLargePools() {
        double[] rates = new double[16];
        for (int i = 0; i < rates.length; i++) {
            rates[i] = 10_000.0 / (i + 1);
        }
        Allocation a = Allocator.allocate(1000, loads(rates));
        assertThat(a.exact()).isFalse();
        assertThat(sum(a.workersPerBin())).isEqualTo(1000);
        assertThat(a.workers(15)).isPositive();
        assertThat(a.workers(0)).isGreaterThan(a.workers(15));
    }
}
