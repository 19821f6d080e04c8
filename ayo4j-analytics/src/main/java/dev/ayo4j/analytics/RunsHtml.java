// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.analytics;

import dev.ayo4j.analytics.RunsReport.AppSummary;
import dev.ayo4j.analytics.RunsReport.BatchCount;
import dev.ayo4j.analytics.RunsReport.EngineUtilization;
import dev.ayo4j.analytics.RunsReport.PrimitiveTime;
import dev.ayo4j.analytics.RunsReport.RatioBucket;
import dev.ayo4j.analytics.RunsReport.SlowRun;
import dev.ayo4j.analytics.RunsReport.SpanView;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/** The HTML page of a {@link RunsReport}. */
public final class RunsHtml {
    private RunsHtml() {}

    /** The report as a self-contained page. */
    public static HtmlReport render(RunsReport r) {
        long runs = r.runsPerSystem().values().stream().mapToLong(Long::longValue).sum();
        long spans = r.primitives().stream().mapToLong(PrimitiveTime::spans).sum();
        HtmlReport page = new HtmlReport("ayo4j analyze runs: where the time went",
                r.directory() + " - " + Format.count(runs) + " runs, " + Format.count(spans) + " primitive spans, "
                        + r.runsPerSystem().size() + " system(s): " + String.join(", ", r.runsPerSystem().keySet()));
        if (!r.skips().isEmpty()) {
            page.warning(r.skips().size() + " file(s) left out: " + String.join("; ", r.skips().stream()
                    .map(s -> s.what() + ": " + s.reason()).toList()));
        }
        page.section("What to change").recommendations(r.recommendations());

        page.section("Queries");
        page.table(RunsReport.FIG_APPS, List.of("app", "system", "runs", "ok", "failed", "mean ms", "p50 ms", "p90 ms",
                "p99 ms", "p50 e2e/cp", "p90 e2e/cp", "p50 e2e/lb", "p90 e2e/lb"), r.apps().stream().map(a -> List.of(
                a.app(), a.system(), Format.count(a.runs()), Format.count(a.ok()), Format.count(a.failed()),
                Format.ms(a.meanMs()), Format.ms(a.p50Ms()), Format.ms(a.p90Ms()), Format.ms(a.p99Ms()),
                Format.times(a.p50OverCriticalPath()), Format.times(a.p90OverCriticalPath()),
                Format.times(a.p50OverLowerBound()), Format.times(a.p90OverLowerBound()))).toList());
        ratioChart(page, r);

        page.section("Primitives and engines");
        timeChart(page, r);
        page.table(RunsReport.FIG_TIME + " (table)", List.of("system", "primitive", "engine", "spans",
                "queue ms / query", "service ms / query", "mean queue ms", "mean service ms", "p90 ms"),
                r.primitives().stream().map(p -> {
                    long n = Math.max(1, r.runsPerSystem().getOrDefault(p.system(), 1L));
                    return List.of(p.system(), p.primitive(), p.engine(), Format.count(p.spans()),
                            Format.ms(p.queueMs() / n), Format.ms(p.serviceMs() / n), Format.ms(p.meanQueueMs()),
                            Format.ms(p.meanServiceMs()), Format.ms(p.p90Ms()));
                }).toList());
        utilization(page, r);
        batches(page, r.batchSizes(), RunsReport.FIG_BATCHES, "tasks in the batch");
        batches(page, r.batchTokens(), RunsReport.FIG_BATCH_TOKENS, "input tokens, up to");
        if (r.padding().isEmpty()) {
            page.note(RunsReport.FIG_PADDING + ": no encoder batch recorded its input tokens.");
        } else {
            page.table(RunsReport.FIG_PADDING, List.of("system", "engine", "batches", "real tokens", "padded tokens",
                    "padding"), r.padding().stream().map(p -> List.of(p.system(), p.engine(), Format.count(p.batches()),
                    Format.count(p.realTokens()), Format.count(p.paddedTokens()), Format.pct(p.waste()))).toList());
            page.note("Each batch of Embed or Rerank spans is padded to its longest span: padding = 1 - real tokens / "
                    + "(spans x longest span's tokens). Padding inside one span (many texts) is not recorded.");
        }
        if (r.warmups().isEmpty()) {
            page.note(RunsReport.FIG_WARMUPS + ": no warm-up (PartialPrefill) was recorded.");
        } else {
            page.table(RunsReport.FIG_WARMUPS, List.of("system", "outcome", "warm-ups", "prompt tokens"),
                    r.warmups().stream().map(w -> List.of(w.system(), w.outcome(), Format.count(w.count()),
                            Format.count(w.tokens()))).toList());
            page.note("ok: the prefix was prefilled ahead and the full prefill found it in the cache (those tokens "
                    + "are saved from the critical path); skipped: every input was final before it could start; "
                    + "fell_back / failed: the engine refused or lost it, and the prompt was prefilled in full.");
        }
        if (!r.failures().isEmpty()) {
            page.table(RunsReport.FIG_FAILURES, List.of("system", "error", "runs"), r.failures().stream()
                    .map(f -> List.of(f.system(), f.error(), Format.count(f.runs()))).toList());
        }

        page.section(RunsReport.FIG_SLOWEST);
        for (SlowRun s : r.slowest()) {
            slowRun(page, s);
        }
        return page;
    }

    private static void ratioChart(HtmlReport page, RunsReport r) {
        if (r.ratios().isEmpty()) {
            page.note(RunsReport.FIG_RATIOS + ": no run recorded its critical path or lower bound.");
            return;
        }
        int max = r.ratios().stream().mapToInt(RatioBucket::bucket).max().orElse(0);
        int min = r.ratios().stream().mapToInt(RatioBucket::bucket).min().orElse(0);
        List<String> labels = new ArrayList<>();
        int digits = Math.max(0, (int) Math.ceil(-Math.log10(r.ratioWidth())));
        for (int b = min; b <= max; b++) {
            String x = String.format(Locale.ROOT, "%." + digits + "f", r.ratioLow() + b * r.ratioWidth());
            labels.add(b == RunsAnalysis.RATIO_BUCKETS ? ">= " + x : b == 0 ? "< " + String.format(Locale.ROOT,
                    "%." + digits + "f", r.ratioLow() + r.ratioWidth()) : x);
        }
        Map<String, double[]> series = new LinkedHashMap<>();
        for (RatioBucket b : r.ratios()) {
            series.computeIfAbsent(b.system() + ": e2e / " + b.bound(), _ -> new double[labels.size()])[b.bucket() - min]
                    += b.runs();
        }
        page.chart(RunsReport.FIG_RATIOS, Charts.bars(labels, series, false, false, "e2e / bound (bucket start)",
                "runs"), 340, "How far each ok run is from its bounds: 1.0 means the run took exactly its critical path "
                + "(the longest chain of primitive service times) or its lower bound; the excess is waiting.");
    }

    private static void timeChart(HtmlReport page, RunsReport r) {
        List<String> rows = new ArrayList<>();
        List<PrimitiveTime> timed = r.primitives().stream().filter(p -> p.queueMs() + p.serviceMs()
                >= 0.01 * Math.max(1, r.runsPerSystem().getOrDefault(p.system(), 1L))).toList();
        double[] queue = new double[timed.size()];
        double[] service = new double[timed.size()];
        int i = 0;
        for (PrimitiveTime p : timed) {
            long n = Math.max(1, r.runsPerSystem().getOrDefault(p.system(), 1L));
            rows.add((r.runsPerSystem().size() > 1 ? p.system() + ": " : "") + p.primitive() + " @ " + p.engine());
            queue[i] = p.queueMs() / n;
            service[i++] = p.serviceMs() / n;
        }
        Map<String, double[]> series = new LinkedHashMap<>();
        series.put("queueing", queue);
        series.put("service", service);
        page.chart(RunsReport.FIG_TIME, Charts.bars(rows, series, true, true, null, "ms per query (summed over spans)"),
                Math.max(220, 60 + 26 * rows.size()), "Per query: time each primitive kind spent queued for its engine "
                        + "and being served. Spans run in parallel, so these sum to more than e2e. Kinds that take no time (local "
                        + "steps) are only in the table.");
    }

    private static void utilization(HtmlReport page, RunsReport r) {
        if (r.utilization().isEmpty()) {
            page.note(RunsReport.FIG_UTILIZATION + ": no engine batch was recorded.");
            return;
        }
        page.chart(RunsReport.FIG_UTILIZATION, Charts.bars(r.utilization().stream()
                        .map(u -> (r.runsPerSystem().size() > 1 ? u.system() + ": " : "") + u.engine()).toList(),
                Map.of("busy share", r.utilization().stream().mapToDouble(u -> 100 * u.utilization()).toArray()), false,
                true, null, "% of the run busy"), Math.max(200, 60 + 28 * r.utilization().size()),
                "Busy = the union of the engine's batch intervals over the run's wall-clock extent ("
                        + Format.ms(r.utilization().stream().mapToDouble(EngineUtilization::extentMs).max().orElse(0))
                        + " ms).");
        int n = r.utilizationOverTime().values().stream().mapToInt(a -> a.length).max().orElse(0);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i * r.windowMs() / 1000.0;
        }
        Map<String, double[]> pct = new LinkedHashMap<>();
        r.utilizationOverTime().forEach((k, v) -> pct.put(k, java.util.Arrays.stream(v).map(d -> 100 * d).toArray()));
        page.chart(RunsReport.FIG_UTILIZATION_TIME, Charts.lines(x, pct, "seconds from the first run", "% busy",
                100.0), 340, "Busy share per window of " + Format.ms(r.windowMs()) + " ms, from span timings.");
        if (!r.samples().isEmpty()) {
            page.chart(RunsReport.FIG_UTILIZATION_TIME + " (telemetry samples)", Charts.lines(x, r.samples(),
                    "seconds from the first sample", "value (mean per window)", null), 340,
                    "Utilization metrics sampled by the telemetry agent, averaged per window.");
        }
    }

    private static void batches(HtmlReport page, List<BatchCount> counts, String title, String axis) {
        if (counts.isEmpty()) {
            return;
        }
        TreeSet<Long> values = new TreeSet<>();
        counts.forEach(c -> values.add(c.value()));
        List<Long> ordered = new ArrayList<>(values);
        Map<String, double[]> series = new LinkedHashMap<>();
        Map<String, Long> totals = new LinkedHashMap<>();
        counts.forEach(c -> totals.merge(c.system() + " / " + c.engine(), c.batches(), Long::sum));
        for (BatchCount c : counts) {
            String key = c.system() + " / " + c.engine();
            series.computeIfAbsent(key, _ -> new double[ordered.size()])[ordered.indexOf(c.value())] +=
                    100.0 * c.batches() / totals.get(key);
        }
        page.chart(title, Charts.bars(ordered.stream().map(String::valueOf).toList(), series, false, false, axis,
                "% of the engine's batches"), 320, null);
    }

    private static void slowRun(HtmlReport page, SlowRun s) {
        List<SpanView> spans = s.spans();
        int n = spans.size();
        double[] enqueue = new double[n];
        double[] start = new double[n];
        double[] end = new double[n];
        boolean[] critical = new boolean[n];
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            SpanView v = spans.get(i);
            rows.add(v.node() + " " + v.primitive() + " @ " + v.engine() + (v.outcome().equals("ok") ? ""
                    : " (" + v.outcome() + ")"));
            enqueue[i] = v.enqueueMs();
            start[i] = v.startMs();
            end[i] = v.endMs();
            critical[i] = v.critical();
        }
        String heading = String.format(Locale.ROOT, "%s: %s on %s, %s ms (critical path %s ms, lower bound %s ms)%s",
                s.runId(), s.app(), s.system(), Format.ms(s.e2eMs()), Format.ms(s.criticalPathMs()),
                Format.ms(s.lowerBoundMs()), s.outcome().equals("ok") ? "" : ", " + s.outcome()
                        + (s.error() == null ? "" : ": " + s.error()));
        if (n == 0) {
            page.note(heading + ": no spans recorded.");
            return;
        }
        page.chart(heading, Charts.timeline(rows, enqueue, start, end, critical), Math.max(160, 70 + 22 * n),
                "Grey: ready but waiting for its engine; red: the inferred critical path (each step is the span that "
                        + "finished last before the next became ready).");
    }
}
