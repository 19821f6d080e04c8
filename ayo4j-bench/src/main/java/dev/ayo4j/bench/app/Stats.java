package dev.ayo4j.bench.app;

import java.util.Arrays;
import java.util.List;

/** Summary statistics of latencies. */
final class Stats {
    private Stats() {}

    static double mean(List<Double> xs) {
        return xs.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    /** Nearest-rank percentile {@code p} in (0, 100]. */
    static double percentile(List<Double> xs, double p) {
        if (xs.isEmpty()) {
            return Double.NaN;
        }
        double[] sorted = xs.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
