// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.jmh;

import java.util.Random;

/** Skewed token lengths for benchmark queues: most texts short, a long tail (a Zipf-like mix). */
final class Skewed {
    private Skewed() {}

    /** {@code n} lengths between 8 and 512 tokens from {@code seed}, Zipf-distributed over 64 buckets. */
    static int[] tokens(int n, long seed) {
        Random random = new Random(seed);
        double[] cumulative = new double[64];
        double sum = 0;
        for (int k = 0; k < cumulative.length; k++) {
            sum += 1.0 / (k + 1);
            cumulative[k] = sum;
        }
        int[] tokens = new int[n];
        for (int i = 0; i < n; i++) {
            double u = random.nextDouble() * sum;
            int k = 0;
            while (cumulative[k] < u) {
                k++;
            }
            tokens[i] = 8 + k * 8 + random.nextInt(8);
        }
        return tokens;
    }
}
