// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.encoders;

import dev.ayo4j.Checks;
import java.util.List;

/**
 * Fits the CPU cost shape {@code a + b·bs·L + c·bs·L²} (milliseconds) to measured forward passes, by
 * least squares on relative error, so that short and long passes weigh alike. A coefficient that would
 * come out negative is dropped (set to 0) and the rest refitted: costs never fall as work grows.
 */
public final class QuadraticFit {
    private QuadraticFit() {}

    /** One measured pass: {@code batchSize} rows padded to {@code paddedLength} tokens took {@code millis}. */
    public record Sample(int batchSize, int paddedLength, double millis) {
        public Sample {
            Checks.argument(batchSize > 0 && paddedLength > 0, "a pass needs rows and tokens: %s x %s", batchSize,
                    paddedLength);
            Checks.argument(millis > 0, "a pass takes time: %s ms", millis);
        }
    }

    /** Fitted coefficients: milliseconds, per token, per token squared. */
    public record Coefficients(double a, double b, double c) {
        public ForwardPassLatency toLatency() {
            return ForwardPassLatency.quadratic(a, b, c);
        }

        /** Largest relative error over {@code samples}. */
        public double worstRelativeError(List<Sample> samples) {
            double worst = 0;
            for (Sample s : samples) {
                double tokens = (double) s.batchSize() * s.paddedLength();
                double predicted = a + b * tokens + c * tokens * s.paddedLength();
                worst = Math.max(worst, Math.abs(predicted - s.millis()) / s.millis());
            }
            return worst;
        }
    }

    /** The fit over {@code samples} (at least three, of at least two shapes). */
    public static Coefficients fit(List<Sample> samples) {
        Checks.argument(samples.size() >= 3, "a fit needs at least 3 samples: %s", samples.size());
        boolean[] free = {true, true, true};
        double[] x = solve(samples, free);
        for (int round = 0; round < 2 && (x[1] < 0 || x[2] < 0); round++) {
            if (x[2] < 0) {
                free[2] = false;
            } else {
                free[1] = false;
            }
            x = solve(samples, free);
        }
        double a = Math.max(x[0], 1e-3);
        return new Coefficients(a, Math.max(0, x[1]), Math.max(0, x[2]));
    }

    /** Weighted normal equations for the free coefficients; fixed ones stay 0. */
    private static double[] solve(List<Sample> samples, boolean[] free) {
        int n = 0;
        int[] index = new int[3];
        for (int k = 0; k < 3; k++) {
            index[k] = free[k] ? n++ : -1;
        }
        double[][] m = new double[n][n + 1];
        for (Sample s : samples) {
            double tokens = (double) s.batchSize() * s.paddedLength();
            double[] f = {1, tokens, tokens * s.paddedLength()};
            double w = 1 / (s.millis() * s.millis());
            for (int i = 0; i < 3; i++) {
                if (index[i] < 0) {
                    continue;
                }
                for (int j = 0; j < 3; j++) {
                    if (index[j] >= 0) {
                        m[index[i]][index[j]] += w * f[i] * f[j];
                    }
                }
                m[index[i]][n] += w * f[i] * s.millis();
            }
        }
        double[] sol = gauss(m, n);
        double[] x = new double[3];
        for (int k = 0; k < 3; k++) {
            x[k] = index[k] < 0 ? 0 : sol[index[k]];
        }
        return x;
    }

    private static double[] gauss(double[][] m, int n) {
        for (int col = 0; col < n; col++) {
            int pivot = col;
            for (int r = col + 1; r < n; r++) {
                if (Math.abs(m[r][col]) > Math.abs(m[pivot][col])) {
                    pivot = r;
                }
            }
            double[] t = m[col];
            m[col] = m[pivot];
            m[pivot] = t;
            Checks.state(Math.abs(m[col][col]) > 1e-300, "samples do not determine the cost shape: vary batch and length");
            for (int r = 0; r < n; r++) {
                if (r != col) {
                    double factor = m[r][col] / m[col][col];
                    for (int k = col; k <= n; k++) {
                        m[r][k] -= factor * m[col][k];
                    }
                }
            }
        }
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = m[i][n] / m[i][i];
        }
        return x;
    }
}
