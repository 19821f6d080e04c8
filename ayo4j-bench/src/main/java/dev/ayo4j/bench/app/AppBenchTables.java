package dev.ayo4j.bench.app;

import dev.ayo4j.bench.app.AppBenchReport.RunReport;
import dev.ayo4j.bench.app.AppBenchReport.SystemReport;
import dev.ayo4j.bench.app.AppBenchReport.WorkloadReport;
import java.io.PrintStream;
import java.util.Locale;

/** Prints an {@link AppBenchReport} as plain-text tables. */
public final class AppBenchTables {
    private AppBenchTables() {}

    public static void print(AppBenchReport report, PrintStream out) {
        out.printf("%nmodel: %s%nplacement: %s%ndata: %s%n", report.model(), report.placement(), report.data());
        for (WorkloadReport w : report.workloads()) {
            out.printf(Locale.ROOT, "%n=== %s: %d queries, %d passages per query, %d answer tokens%n", w.workload(),
                    w.queries(), w.passagesPerQuery(), w.answerTokens());
            for (RunReport r : w.runs()) {
                out.printf(Locale.ROOT, "%n  %s%n", r.arrivals());
                out.printf("  %-20s %10s %10s %14s %12s%n", "system", "mean ms", "P90 ms", "ayo4j speedup",
                        "same answer");
                for (SystemReport s : r.systems()) {
                    Double speedup = r.speedups().get(s.system());
                    out.printf(Locale.ROOT, "  %-20s %10.0f %10.0f %14s %9d/%d%n", s.system(), s.meanMs(), s.p90Ms(),
                            speedup == null ? "-" : String.format(Locale.ROOT, "%.2fx", speedup),
                            s.sameAnswersAsAyo4j(), s.latenciesMs().size());
                }
                out.printf(Locale.ROOT, "  ayo4j end-to-end / critical path: %.2f%n", r.ayo4jEndToEndOverCritical());
            }
            if (!w.ablation().isEmpty()) {
                out.printf("%n  ablation, one at a time (passes added in order)%n");
                out.printf("  %-20s %10s %10s%n", "passes", "mean ms", "P90 ms");
                for (SystemReport s : w.ablation()) {
                    out.printf(Locale.ROOT, "  %-20s %10.0f %10.0f%n", s.system(), s.meanMs(), s.p90Ms());
                }
            }
        }
    }
}
