// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.bench;

import java.util.Arrays;
import java.util.List;

/** Summary statistics of measured times, one definition for every benchmark. */
public final class Stats {
    private Stats() {}

    /** The mean of {@code xs}; NaN if empty. */
    public static double mean(List<Double> xs) {
        return xs.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    /** Nearest-rank percentile {@code p} in (0, 100] of {@code xs}, in any order; NaN if empty. */
    public static double percentile(List<Double> xs, double p) {
        double[] sorted = xs.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        return percentile(sorted, p);
    }

    /** Nearest-rank percentile {@code p} in (0, 100] of ascending {@code sorted}; NaN if empty. */
    public static double percentile(double[] sorted, double p) {
        return sorted.length == 0 ? Double.NaN : sorted[rank(sorted.length, p)];
    }

    /** Nearest-rank percentile {@code p} in (0, 100] of ascending {@code sorted}; NaN if empty. */
    public static double percentile(long[] sorted, double p) {
        return sorted.length == 0 ? Double.NaN : sorted[rank(sorted.length, p)];
    }

    private static int rank(int n, double p) {
        return Math.clamp((int) Math.ceil(p / 100 * n) - 1, 0, n - 1);
    }
}
