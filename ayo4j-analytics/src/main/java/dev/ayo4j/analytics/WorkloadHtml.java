// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.analytics;

import dev.ayo4j.analytics.WorkloadReport.EncoderPlan;
import dev.ayo4j.analytics.WorkloadReport.LlmPlan;
import dev.ayo4j.analytics.WorkloadReport.Window;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The HTML page of a {@link WorkloadReport}. */
public final class WorkloadHtml {
    private WorkloadHtml() {}

    /** The report as a self-contained page. */
    public static HtmlReport render(WorkloadReport r) {
        HtmlReport page = new HtmlReport("ayo4j analyze workload: arrivals and sizes", String.format(Locale.ROOT,
                "%s - %,d requests over %.1f minutes (%.2f requests/s on average)", r.source(), r.requests(),
                r.durationS() / 60, r.requests() / Math.max(1e-9, r.durationS())));
        if (r.skippedRows() > 0 || !r.skips().isEmpty()) {
            page.warning(String.format(Locale.ROOT, "%,d row(s) left out; the first: %s", r.skippedRows()
                    + (r.skippedRows() == 0 ? r.skips().size() : 0), String.join("; ", r.skips().stream()
                    .map(s -> s.what() + ": " + s.reason()).toList())));
        }
        page.section("What to deploy").recommendations(r.recommendations());

        page.section("Arrivals");
        Map<String, List<double[]>> rates = new LinkedHashMap<>();
        for (Window w : r.windows()) {
            List<double[]> minutes = w.series().stream().map(p -> new double[] {p[0] / 60, p[1]}).toList();
            rates.put(String.format(Locale.ROOT, "%.0f s windows", w.seconds()), minutes);
        }
        page.chart(WorkloadReport.FIG_RATE, Charts.xy(rates, "minutes from the first request", "requests / s"), 380,
                "The same arrivals counted in windows of 1 s, 10 s, 1 min and 5 min: short windows show the bursts "
                        + "that long ones average away. Click a legend entry to hide a series.");
        page.table(WorkloadReport.FIG_BURST, List.of("window", "mean requests/s", "peak requests/s", "peak / mean"),
                r.windows().stream().map(w -> List.of(String.format(Locale.ROOT, "%.0f s", w.seconds()),
                        Format.num(w.meanRate(), 2), Format.num(w.peakRate(), 2), Format.times(w.peakToMean())))
                        .toList());
        page.note(String.format(Locale.ROOT, "Inter-arrival gaps: mean %.3f s, standard deviation %.3f s, coefficient "
                        + "of variation %.2f (1 for a Poisson process; more is burstier).", r.interarrival().meanS(),
                r.interarrival().sdS(), r.interarrival().cv()));

        page.section("Sizes");
        var l = r.lengths();
        page.table("Length statistics", List.of("tokens", "mean", "p50", "p90", "p99", "max"), List.of(
                List.of("prompt", Format.num(l.promptMean(), 0), Format.num(l.promptP50(), 0),
                        Format.num(l.promptP90(), 0), Format.num(l.promptP99(), 0), Format.count(l.promptMax())),
                List.of("output", Format.num(l.outputMean(), 0), Format.num(l.outputP50(), 0),
                        Format.num(l.outputP90(), 0), Format.num(l.outputP99(), 0), Format.count(l.outputMax()))));
        histogram(page, WorkloadReport.FIG_PROMPT, r.promptHistogram(), r.promptWidth(), "prompt tokens");
        histogram(page, WorkloadReport.FIG_OUTPUT, r.outputHistogram(), r.outputWidth(), "output tokens");
        page.chart(WorkloadReport.FIG_SCATTER, Charts.scatter(Map.of("requests (sample)", r.sample()),
                        "prompt tokens", "output tokens", true), 400,
                String.format(Locale.ROOT, "A systematic sample of %,d requests, log axes. Pearson %.3f, Spearman "
                        + "%.3f.", r.sample().size(), l.pearson(), l.spearman()));

        page.section("Deployment");
        EncoderPlan e = r.encoder();
        List<List<String>> rows = new ArrayList<>();
        int lower = 1;
        for (int i = 0; i < e.upperBounds().size(); i++) {
            rows.add(List.of(lower + "-" + e.upperBounds().get(i), Format.count(e.requestsPerBin().get(i)),
                    Format.pct((double) e.requestsPerBin().get(i) / r.requests()), Format.num(e.ratePerBin().get(i), 3),
                    Integer.toString(e.workersPerBin().get(i))));
            lower = e.upperBounds().get(i) + 1;
        }
        page.table(WorkloadReport.FIG_BINS, List.of("tokens", "requests", "share", "requests/s (busiest minute)",
                "workers"), rows);
        page.note("Bins from the encoder cost model (" + e.costModel() + "): each bin grows while a text padded to its "
                + "bound costs at most twice one at the bin's lowest length; workers from Arlo's allocator for the "
                + "busiest minute's rate per bin, sized for " + Format.pct(WorkloadAnalysis.TARGET_UTILIZATION)
                + " busy. Prompts longer than " + e.maxTokens() + " tokens are truncated by the encoder ("
                + Format.count(e.truncated()) + " here).");
        LlmPlan p = r.llm();
        List<List<String>> llm = new ArrayList<>();
        llm.add(List.of("context per slot (p99 prompt + output)", Format.count(p.contextPerSlot()) + " tokens"));
        llm.add(List.of("busiest-minute rate", Format.num(p.peakRate(), 2) + " requests/s"));
        if (p.measured()) {
            llm.add(List.of("measured engine", p.engine()));
            llm.add(List.of("prefill", Format.num(p.prefillMsPerToken(), 3) + " ms/token"));
            llm.add(List.of("decode", Format.num(p.decodeMsPerToken(), 2) + " ms/token at batch "
                    + Format.num(p.decodeBatch(), 1)));
            llm.add(List.of("mean service per request", Format.ms(p.meanServiceMs()) + " ms"));
            llm.add(List.of("one instance saturates at", Format.num(p.saturationRate(), 2) + " requests/s"));
            llm.add(List.of("instances for the busiest minute", Integer.toString(p.instances())));
            llm.add(List.of("slots per instance (Little's law)", Integer.toString(p.slots())));
        } else {
            llm.add(List.of("slots and saturation", "need --engines: a run trace of the engines to deploy"));
        }
        page.table(WorkloadReport.FIG_LLM, List.of("", ""), llm);
        return page;
    }

    private static void histogram(HtmlReport page, String title, long[] counts, int width, String axis) {
        List<String> labels = new ArrayList<>();
        double[] values = new double[counts.length];
        for (int i = 0; i < counts.length; i++) {
            labels.add(i == counts.length - 1 ? ">= " + i * width : Integer.toString(i * width));
            values[i] = counts[i];
        }
        page.chart(title, Charts.bars(labels, Map.of("requests", values), false, false, axis + " (bucket start, "
                + width + " wide)", "requests"), 320, null);
    }
}
