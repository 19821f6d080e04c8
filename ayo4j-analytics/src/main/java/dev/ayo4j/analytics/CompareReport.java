// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.analytics;

import dev.ayo4j.analytics.Bootstrap.Interval;
import java.util.List;

/**
 * The figures of {@code analyze compare A B}: two sets of runs side by side over the apps both ran.
 *
 * @param labelA          what side A is (its directory and system)
 * @param labelB          what side B is
 * @param skips           files left out on either side
 * @param onlyA           apps only A ran (left out)
 * @param onlyB           apps only B ran (left out)
 * @param apps            e2e of each common app on both sides, with the bootstrap interval of the difference
 * @param primitives      per-query time of each primitive kind on both sides, with intervals
 * @param quantilesA      e2e quantiles of A's ok runs at {@link #QUANTILES}
 * @param quantilesB      same for B
 * @param sampledA        ok runs of A the bootstrap resampled (all of them up to {@link CompareAnalysis#SAMPLE})
 * @param sampledB        same for B
 * @param recommendations conclusions, each with its figure
 */
public record CompareReport(String labelA, String labelB, List<Skip> skips, List<String> onlyA, List<String> onlyB,
                            List<AppDelta> apps, List<PrimitiveDelta> primitives, double[] quantilesA,
                            double[] quantilesB, long sampledA, long sampledB, List<Recommendation> recommendations) {
    /** Quantile levels of the distribution chart. */
    public static final double[] QUANTILES = {0.05, 0.10, 0.25, 0.50, 0.75, 0.90, 0.95, 0.99};
    public static final String FIG_APPS = "e2e per app, B against A";
    public static final String FIG_DISTRIBUTION = "e2e distribution";
    public static final String FIG_PRIMITIVES = "Where the difference comes from";

    /** One app: runs, ok runs, mean/p50/p90 e2e on both sides, and the interval of mean(B) - mean(A). */
    public record AppDelta(String app, long runsA, long runsB, long okA, long okB, double meanA, double meanB,
                           double p50A, double p50B, double p90A, double p90B, Interval difference) {}

    /**
     * One primitive kind: per-query queueing and service on both sides (all runs of the common apps) and the
     * bootstrap interval of the per-query time difference (over the sampled ok runs).
     */
    public record PrimitiveDelta(String primitive, double queueA, double serviceA, double queueB, double serviceB,
                                 Interval difference) {}
}
