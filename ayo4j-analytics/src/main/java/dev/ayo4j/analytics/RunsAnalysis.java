// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.analytics;

import dev.ayo4j.analytics.Database.Row;
import dev.ayo4j.analytics.RunsReport.AppSummary;
import dev.ayo4j.analytics.RunsReport.BatchCount;
import dev.ayo4j.analytics.RunsReport.EngineUtilization;
import dev.ayo4j.analytics.RunsReport.Failure;
import dev.ayo4j.analytics.RunsReport.Padding;
import dev.ayo4j.analytics.RunsReport.PrimitiveTime;
import dev.ayo4j.analytics.RunsReport.RatioBucket;
import dev.ayo4j.analytics.RunsReport.SlowRun;
import dev.ayo4j.analytics.RunsReport.SpanView;
import dev.ayo4j.analytics.RunsReport.Warmup;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code analyze runs}: reads one trace directory through the SQL files and gathers the figures of a
 * {@link RunsReport}. DuckDB scans and aggregates; the JVM holds only the aggregates and the spans of the few
 * slowest runs, so memory does not grow with the number of runs.
 */
public final class RunsAnalysis {
    /** How many slowest runs the report draws. */
    public static final int SLOWEST = 5;
    /** Windows the utilization over time is cut into. */
    public static final int WINDOWS = 120;
    /** Buckets of the e2e-ratio histogram between its 1st and 99th percentile, before the open last one. */
    public static final int RATIO_BUCKETS = 40;

    private RunsAnalysis() {}

    /** Analyses the trace directory {@code dir} in {@code db}. */
    public static RunsReport analyze(Database db, Path dir) {
        Objects.requireNonNull(db, "db");
        TraceSet set = TraceSet.open(db, dir, "");
        return analyzeViews(db, set.directory(), set.skips());
    }

    /** Analyses the views {@code runs}, {@code primitives}, {@code samples} already defined in {@code db}. */
    static RunsReport analyzeViews(Database db, Path dir, List<Skip> skips) {
        db.execute(Sql.file("batches").text());
        db.execute(Sql.file("busy").text());
        db.execute(Sql.file("extent").text());

        List<AppSummary> apps = db.rows(Sql.file("runs_summary")).stream().map(r -> new AppSummary(
                r.str("app"), r.str("system"), r.lng("runs"), r.lng("ok"), r.lng("failed"), r.dbl("mean_e2e_ms"),
                r.dbl("p50_e2e_ms"), r.dbl("p90_e2e_ms"), r.dbl("p99_e2e_ms"), r.dbl("p50_over_cp"),
                r.dbl("p90_over_cp"), r.dbl("p50_over_lb"), r.dbl("p90_over_lb"))).toList();
        Map<String, Long> runsPerSystem = new LinkedHashMap<>();
        for (Row r : db.rows(Sql.file("systems"))) {
            runsPerSystem.put(r.str("system"), r.lng("runs"));
        }
        List<PrimitiveTime> primitives = db.rows(Sql.file("time_by_primitive")).stream().map(r -> new PrimitiveTime(
                r.str("system"), r.str("primitive"), r.str("engine"), r.lng("spans"), r.dbl("queue_ms"),
                r.dbl("service_ms"), r.dbl("mean_queue_ms"), r.dbl("mean_service_ms"), r.dbl("p90_ms"))).toList();
        Row range = db.row(Sql.file("ratio_range"));
        double ratioWidth = Double.isFinite(range.dbl("low"))
                ? niceStep(Math.max(1e-3, range.dbl("high") - range.dbl("low")) / RATIO_BUCKETS) : 0.1;
        double ratioLow = Double.isFinite(range.dbl("low")) ? Math.floor(range.dbl("low") / ratioWidth) * ratioWidth : 0;
        List<RatioBucket> ratios = db.rows(Sql.file("ratio_histogram").bind("low", ratioLow)
                .bind("width", ratioWidth).bind("buckets", RATIO_BUCKETS)).stream().map(r -> new RatioBucket(r.str("system"),
                r.str("bound"), (int) r.lng("bucket"), r.lng("runs"))).toList();
        List<EngineUtilization> utilization = db.rows(Sql.file("engine_utilization")).stream()
                .map(r -> new EngineUtilization(r.str("system"), r.str("engine"), r.dbl("busy_ms"),
                        r.dbl("extent_ms"), r.dbl("utilization"))).toList();
        double extent = utilization.stream().mapToDouble(EngineUtilization::extentMs).max().orElse(0);
        Row samplesExtent = db.row(Sql.file("samples_extent"));
        double window = niceWindow(Math.max(extent, samplesExtent.dbl("extent_ms") > 0
                ? samplesExtent.dbl("extent_ms") : 0));
        int buckets = (int) Math.ceil(Math.max(extent, samplesExtent.lng("samples") > 0
                ? samplesExtent.dbl("extent_ms") : 0) / window) + 1;
        db.execute("CREATE OR REPLACE TEMPORARY TABLE buckets AS SELECT range AS b FROM range(0, " + buckets + ")");
        Map<String, double[]> overTime = new LinkedHashMap<>();
        for (Row r : db.rows(Sql.file("utilization_over_time").bind("window_ms", window))) {
            double[] series = overTime.computeIfAbsent(r.str("system") + " / " + r.str("engine"),
                    _ -> new double[buckets]);
            int b = (int) r.lng("bucket");
            if (b < buckets) {
                series[b] = Math.min(1, r.dbl("utilization"));
            }
        }
        Map<String, double[]> samples = new LinkedHashMap<>();
        if (samplesExtent.lng("samples") > 0) {
            for (Row r : db.rows(Sql.file("samples_utilization").bind("window_ms", window))) {
                String labels = r.str("labels");
                String key = r.str("host") + " " + r.str("source") + " " + r.str("metric")
                        + (labels == null || labels.isEmpty() ? "" : "{" + labels + "}");
                double[] series = samples.computeIfAbsent(key, _ -> nanArray(buckets));
                int b = (int) r.lng("bucket");
                if (b < buckets) {
                    series[b] = r.dbl("value");
                }
            }
        }
        List<BatchCount> sizes = db.rows(Sql.file("batch_sizes")).stream().map(r -> new BatchCount(r.str("system"),
                r.str("engine"), r.lng("batch_size"), r.lng("batches"))).toList();
        List<BatchCount> tokens = db.rows(Sql.file("batch_tokens")).stream().map(r -> new BatchCount(
                r.str("system"), r.str("engine"), r.lng("tokens_upto"), r.lng("batches"))).toList();
        List<Padding> padding = db.rows(Sql.file("padding_waste")).stream().map(r -> new Padding(r.str("system"),
                r.str("engine"), r.lng("batches"), r.lng("real_tokens"), r.lng("padded_tokens"), r.dbl("waste")))
                .toList();
        List<Warmup> warmups = db.rows(Sql.file("warmups")).stream().map(r -> new Warmup(r.str("system"),
                r.str("outcome"), r.lng("warmups"), r.lng("tokens"))).toList();
        List<Failure> failures = db.rows(Sql.file("failures")).stream().map(r -> new Failure(r.str("system"),
                r.str("error"), r.lng("runs"))).toList();
        List<SlowRun> slowest = slowest(db);
        RunsReport partial = new RunsReport(dir, skips, apps, primitives, runsPerSystem, ratios, ratioLow, ratioWidth,
                utilization, window, overTime, samples, sizes, tokens, padding, warmups, failures, slowest, List.of());
        return new RunsReport(dir, skips, apps, primitives, runsPerSystem, ratios, ratioLow, ratioWidth, utilization, window,
                overTime, samples, sizes, tokens, padding, warmups, failures, slowest,
                RunsAdvice.recommend(partial));
    }

    private static List<SlowRun> slowest(Database db) {
        Map<String, List<Row>> spansByRun = new LinkedHashMap<>();
        for (Row r : db.rows(Sql.file("slowest_spans").bind("limit", SLOWEST))) {
            spansByRun.computeIfAbsent(r.str("run_id"), _ -> new ArrayList<>()).add(r);
        }
        List<SlowRun> runs = new ArrayList<>();
        for (Row run : db.rows(Sql.file("slowest_runs").bind("limit", SLOWEST))) {
            List<Row> rows = spansByRun.getOrDefault(run.str("run_id"), List.of());
            List<CriticalPath.Span> times = rows.stream().map(s -> new CriticalPath.Span(s.dbl("enqueue_ms"),
                    s.dbl("start_ms"), s.dbl("end_ms"))).toList();
            List<Integer> critical = CriticalPath.of(times);
            List<SpanView> spans = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                Row s = rows.get(i);
                spans.add(new SpanView(s.str("node"), s.str("primitive"), s.str("engine"), s.dbl("enqueue_ms"),
                        s.dbl("start_ms"), s.dbl("end_ms"), (int) s.lng("batch_size"), s.str("outcome"),
                        critical.contains(i)));
            }
            runs.add(new SlowRun(run.str("run_id"), run.str("app"), run.str("system"), run.str("outcome"),
                    run.dbl("e2e_ms"), run.dbl("critical_path_ms"), run.dbl("lower_bound_ms"), run.str("error"),
                    spans));
        }
        return runs;
    }

    /** A window of 1, 2 or 5 times a power of ten ms that cuts {@code extentMs} into about {@link #WINDOWS}. */
    static double niceWindow(double extentMs) {
        return niceStep(Math.max(1, extentMs / WINDOWS));
    }

    /** The smallest of 1, 2 or 5 times a power of ten that is at least {@code raw}. */
    static double niceStep(double raw) {
        double power = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double step : new double[] {1, 2, 5, 10}) {
            if (raw <= step * power) {
                return step * power;
            }
        }
        return 10 * power;
    }

    private static double[] nanArray(int n) {
        double[] a = new double[n];
        java.util.Arrays.fill(a, Double.NaN);
        return a;
    }
}
