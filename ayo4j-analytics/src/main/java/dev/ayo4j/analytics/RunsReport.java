// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.analytics;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The figures of {@code analyze runs} over one trace directory.
 *
 * @param directory       what was read
 * @param skips           files left out, with why
 * @param apps            e2e and its ratios to the critical path and lower bound, per app and system
 * @param primitives      time by primitive kind and engine, queueing and service
 * @param runsPerSystem   runs of each system (per-query means divide by it)
 * @param ratios          distribution of e2e over the critical path and over the lower bound
 * @param ratioLow        start of ratio bucket 0 (lower ratios count in it)
 * @param ratioWidth      width of a ratio bucket
 * @param utilization     share of the run each engine was busy
 * @param windowMs        width of a utilization window
 * @param utilizationOverTime busy share per window, per system and engine
 * @param samples         utilization metrics from telemetry samples, per series (empty without samples)
 * @param batchSizes      batches by size, per engine
 * @param batchTokens     batches by input tokens (power-of-two buckets), per engine
 * @param padding         encoder padding waste, per engine (empty when tokens are not recorded)
 * @param warmups         warm-up outcomes and tokens
 * @param failures        most frequent errors
 * @param slowest         the slowest runs with their spans and inferred critical paths
 * @param recommendations what to change, with the figure behind each
 */
public record RunsReport(Path directory, List<Skip> skips, List<AppSummary> apps, List<PrimitiveTime> primitives,
                         Map<String, Long> runsPerSystem, List<RatioBucket> ratios, double ratioLow,
                         double ratioWidth,
                         List<EngineUtilization> utilization, double windowMs,
                         Map<String, double[]> utilizationOverTime, Map<String, double[]> samples,
                         List<BatchCount> batchSizes, List<BatchCount> batchTokens, List<Padding> padding,
                         List<Warmup> warmups, List<Failure> failures, List<SlowRun> slowest,
                         List<Recommendation> recommendations) {
    /** Figure titles, shared by the HTML report and the recommendations that point at them. */
    public static final String FIG_APPS = "Runs per app and system";
    public static final String FIG_TIME = "Time by primitive and engine";
    public static final String FIG_RATIOS = "e2e over critical path and over lower bound";
    public static final String FIG_UTILIZATION = "Engine utilization";
    public static final String FIG_UTILIZATION_TIME = "Engine utilization over time";
    public static final String FIG_BATCHES = "Batch sizes";
    public static final String FIG_BATCH_TOKENS = "Batch tokens";
    public static final String FIG_PADDING = "Encoder padding waste";
    public static final String FIG_WARMUPS = "Warm-ups";
    public static final String FIG_FAILURES = "Failures";
    public static final String FIG_SLOWEST = "Slowest runs";

    /** e2e of one app on one system; quantiles over ok runs; ratios NaN when no bound was recorded. */
    public record AppSummary(String app, String system, long runs, long ok, long failed, double meanMs,
                             double p50Ms, double p90Ms, double p99Ms, double p50OverCriticalPath,
                             double p90OverCriticalPath, double p50OverLowerBound, double p90OverLowerBound) {}

    /** Time one primitive kind spent on one engine. */
    public record PrimitiveTime(String system, String primitive, String engine, long spans, double queueMs,
                                double serviceMs, double meanQueueMs, double meanServiceMs, double p90Ms) {}

    /** Runs whose ratio falls in {@code [bucket·width, (bucket+1)·width)} (the last bucket is open). */
    public record RatioBucket(String system, String bound, int bucket, long runs) {}

    /** Busy share of one engine over its system's extent. */
    public record EngineUtilization(String system, String engine, double busyMs, double extentMs,
                                    double utilization) {}

    /** Batches of one engine with a given size (or, for tokens, up to a power-of-two bound). */
    public record BatchCount(String system, String engine, long value, long batches) {}

    /** Padding one encoder computed. */
    public record Padding(String system, String engine, long batches, long realTokens, long paddedTokens,
                          double waste) {}

    /** Warm-ups with one outcome. */
    public record Warmup(String system, String outcome, long count, long tokens) {}

    /** An error and how many runs it failed. */
    public record Failure(String system, String error, long runs) {}

    /** A slow run, its spans (start order) and which of them form its inferred critical path. */
    public record SlowRun(String runId, String app, String system, String outcome, double e2eMs,
                          double criticalPathMs, double lowerBoundMs, String error, List<SpanView> spans) {}

    /** One span of a slow run, ms from its start. */
    public record SpanView(String node, String primitive, String engine, double enqueueMs, double startMs,
                           double endMs, int batchSize, String outcome, boolean critical) {}
}
