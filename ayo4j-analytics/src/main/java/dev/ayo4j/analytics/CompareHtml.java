// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.analytics;

import dev.ayo4j.analytics.CompareReport.AppDelta;
import dev.ayo4j.analytics.CompareReport.PrimitiveDelta;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The HTML page of a {@link CompareReport}. */
public final class CompareHtml {
    private CompareHtml() {}

    /** The report as a self-contained page. */
    public static HtmlReport render(CompareReport r) {
        HtmlReport page = new HtmlReport("ayo4j analyze compare: B against A", "A = " + r.labelA() + "   B = "
                + r.labelB());
        if (!r.skips().isEmpty()) {
            page.warning(r.skips().size() + " file(s) left out: " + String.join("; ", r.skips().stream()
                    .map(s -> s.what() + ": " + s.reason()).toList()));
        }
        page.section("Verdict").recommendations(r.recommendations());
        page.note(String.format(Locale.ROOT, "Intervals: %.0f %% percentile bootstrap of mean(B) - mean(A), %,d "
                        + "resamples of %,d ok runs of A and %,d of B (a reservoir sample when a side has more than %,d).",
                100 * Bootstrap.LEVEL, r.apps().stream().filter(a -> a.difference() != null).findFirst()
                        .map(a -> a.difference().resamples()).orElse(0), r.sampledA(), r.sampledB(),
                CompareAnalysis.SAMPLE));

        page.section("End to end");
        page.table(CompareReport.FIG_APPS, List.of("app", "runs A", "runs B", "mean A ms", "mean B ms", "B - A ms",
                "95 % interval ms", "p50 A", "p50 B", "p90 A", "p90 B", "beyond noise"), r.apps().stream()
                .map(a -> List.of(a.app(), Format.count(a.runsA()), Format.count(a.runsB()), Format.ms(a.meanA()),
                        Format.ms(a.meanB()), a.difference() == null ? "-" : Format.ms(a.difference().estimate()),
                        a.difference() == null ? "-" : "[" + Format.ms(a.difference().low()) + ", "
                                + Format.ms(a.difference().high()) + "]", Format.ms(a.p50A()), Format.ms(a.p50B()),
                        Format.ms(a.p90A()), Format.ms(a.p90B()), a.difference() == null ? "-"
                                : a.difference().excludesZero() ? "yes" : "no")).toList());
        List<String> apps = r.apps().stream().map(AppDelta::app).toList();
        Map<String, double[]> means = new LinkedHashMap<>();
        means.put("A mean", r.apps().stream().mapToDouble(AppDelta::meanA).toArray());
        means.put("B mean", r.apps().stream().mapToDouble(AppDelta::meanB).toArray());
        means.put("A p90", r.apps().stream().mapToDouble(AppDelta::p90A).toArray());
        means.put("B p90", r.apps().stream().mapToDouble(AppDelta::p90B).toArray());
        page.chart(CompareReport.FIG_APPS + " (chart)", Charts.bars(apps, means, false, false, null, "e2e ms"), 320,
                null);
        List<String> levels = new ArrayList<>();
        for (double q : CompareReport.QUANTILES) {
            levels.add(String.format(Locale.ROOT, "p%.0f", 100 * q));
        }
        Map<String, double[]> quantiles = new LinkedHashMap<>();
        quantiles.put("A", r.quantilesA());
        quantiles.put("B", r.quantilesB());
        page.chart(CompareReport.FIG_DISTRIBUTION, Charts.bars(levels, quantiles, false, false, "quantile of ok runs",
                "e2e ms"), 320, "e2e at each quantile, all common apps together: a gap that widens to the right is a "
                + "tail that one side cuts and the other does not.");

        page.section(CompareReport.FIG_PRIMITIVES);
        List<PrimitiveDelta> timed = r.primitives().stream()
                .filter(p -> p.queueA() + p.serviceA() + p.queueB() + p.serviceB() >= 0.01).toList();
        List<String> kinds = timed.stream().map(PrimitiveDelta::primitive).toList();
        Map<String, double[]> split = new LinkedHashMap<>();
        split.put("A queueing", timed.stream().mapToDouble(PrimitiveDelta::queueA).toArray());
        split.put("A service", timed.stream().mapToDouble(PrimitiveDelta::serviceA).toArray());
        split.put("B queueing", timed.stream().mapToDouble(PrimitiveDelta::queueB).toArray());
        split.put("B service", timed.stream().mapToDouble(PrimitiveDelta::serviceB).toArray());
        page.chart(CompareReport.FIG_PRIMITIVES, Charts.bars(kinds, split, name -> name.substring(0, 1), true, null,
                "ms per query (summed over the kind's spans)"), Math.max(240, 80 + 60 * kinds.size()),
                "Per query, each primitive kind's queueing and service, A's bar above B's, largest change first; kinds "
                        + "that take no time (local steps) are left out of the chart.");
        page.table(CompareReport.FIG_PRIMITIVES + " (table)", List.of("primitive", "A queue", "A service", "B queue",
                "B service", "B - A ms / query", "95 % interval", "beyond noise"), r.primitives().stream()
                .map(p -> List.of(p.primitive(), Format.ms(p.queueA()), Format.ms(p.serviceA()), Format.ms(p.queueB()),
                        Format.ms(p.serviceB()), Format.ms(p.queueB() + p.serviceB() - p.queueA() - p.serviceA()),
                        p.difference() == null ? "-" : "[" + Format.ms(p.difference().low()) + ", "
                                + Format.ms(p.difference().high()) + "]", p.difference() == null ? "-"
                                : p.difference().excludesZero() ? "yes" : "no")).toList());
        return page;
    }
}
