// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.analytics;

import dev.ayo4j.Checks;
import java.util.SplittableRandom;
import org.apache.commons.statistics.descriptive.Mean;
import org.apache.commons.statistics.descriptive.Quantile;

/**
 * Percentile bootstrap of a difference of means between two independent samples (B minus A): each resample
 * draws both samples again with replacement; the interval is the {@code (1 - level) / 2} and
 * {@code (1 + level) / 2} quantiles of the resampled differences (Commons Statistics' quantile).
 */
public final class Bootstrap {
    /** Resamples unless told otherwise. */
    public static final int DEFAULT_RESAMPLES = 2000;
    /** Coverage of the interval. */
    public static final double LEVEL = 0.95;

    private Bootstrap() {}

    /**
     * A difference and its interval.
     *
     * @param estimate  mean(B) - mean(A) on the samples themselves
     * @param low       lower end of the interval
     * @param high      upper end
     * @param resamples resamples drawn
     */
    public record Interval(double estimate, double low, double high, int resamples) {
        /** Whether the interval lies wholly on one side of zero: a difference larger than run-to-run noise. */
        public boolean excludesZero() {
            return low > 0 || high < 0;
        }
    }

    /** The interval of mean(b) - mean(a). */
    public static Interval meanDifference(double[] a, double[] b, int resamples, long seed) {
        Checks.argument(a.length > 0 && b.length > 0, "bootstrap needs both samples non-empty: %s, %s", a.length,
                b.length);
        Checks.argument(resamples >= 100, "bootstrap needs at least 100 resamples: %s", resamples);
        SplittableRandom random = new SplittableRandom(seed);
        double[] diffs = new double[resamples];
        for (int i = 0; i < resamples; i++) {
            diffs[i] = resampledMean(b, random) - resampledMean(a, random);
        }
        double[] q = Quantile.withDefaults().evaluate(diffs, (1 - LEVEL) / 2, (1 + LEVEL) / 2);
        return new Interval(Mean.of(b).getAsDouble() - Mean.of(a).getAsDouble(), q[0], q[1], resamples);
    }

    /**
     * Intervals of mean(b) - mean(a) for each column of two matrices of runs (rows) by measures (columns),
     * resampling whole rows so that the columns of one run stay together.
     */
    public static Interval[] meanDifferences(double[][] a, double[][] b, int columns, int resamples, long seed) {
        Checks.argument(a.length > 0 && b.length > 0, "bootstrap needs both samples non-empty: %s, %s", a.length,
                b.length);
        SplittableRandom random = new SplittableRandom(seed);
        double[][] diffs = new double[columns][resamples];
        double[] sumA = new double[columns];
        double[] sumB = new double[columns];
        for (int i = 0; i < resamples; i++) {
            java.util.Arrays.fill(sumA, 0);
            java.util.Arrays.fill(sumB, 0);
            for (int n = 0; n < a.length; n++) {
                double[] row = a[random.nextInt(a.length)];
                for (int c = 0; c < columns; c++) {
                    sumA[c] += row[c];
                }
            }
            for (int n = 0; n < b.length; n++) {
                double[] row = b[random.nextInt(b.length)];
                for (int c = 0; c < columns; c++) {
                    sumB[c] += row[c];
                }
            }
            for (int c = 0; c < columns; c++) {
                diffs[c][i] = sumB[c] / b.length - sumA[c] / a.length;
            }
        }
        Interval[] out = new Interval[columns];
        for (int c = 0; c < columns; c++) {
            final int col = c;
            double estimate = Mean.of(java.util.Arrays.stream(b).mapToDouble(r -> r[col]).toArray()).getAsDouble()
                    - Mean.of(java.util.Arrays.stream(a).mapToDouble(r -> r[col]).toArray()).getAsDouble();
            double[] q = Quantile.withDefaults().evaluate(diffs[c], (1 - LEVEL) / 2, (1 + LEVEL) / 2);
            out[c] = new Interval(estimate, q[0], q[1], resamples);
        }
        return out;
    }

    private static double resampledMean(double[] x, SplittableRandom random) {
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            sum += x[random.nextInt(x.length)];
        }
        return sum / x.length;
    }
}
