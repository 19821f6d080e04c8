// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.cli.analyze;

import dev.ayo4j.analytics.Bootstrap;
import dev.ayo4j.analytics.CompareAnalysis;
import dev.ayo4j.analytics.CompareHtml;
import dev.ayo4j.analytics.CompareReport;
import dev.ayo4j.analytics.Format;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ayo4j analyze compare A B}: two sets of runs side by side. */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = "Compare two directories of run traces (or two systems of one, with --system-a/--system-b): "
                + "per-app e2e and per-primitive deltas with bootstrap intervals.")
final class AnalyzeCompareCommand extends AnalysisCommand {
    @Parameters(index = "0", paramLabel = "A", description = "Directory of the baseline's trace files.")
    Path a;

    @Parameters(index = "1", paramLabel = "B", description = "Directory of the trace files compared with it.")
    Path b;

    @Option(names = "--system-a", paramLabel = "LABEL",
            description = "Keep only A's runs of this system label (e.g. no-passes); all runs without it.")
    String systemA;

    @Option(names = "--system-b", paramLabel = "LABEL",
            description = "Keep only B's runs of this system label (e.g. ayo4j); all runs without it.")
    String systemB;

    @Option(names = "--resamples", defaultValue = "" + Bootstrap.DEFAULT_RESAMPLES,
            description = "Bootstrap resamples.")
    int resamples;

    @Option(names = "--out", paramLabel = "FILE", description = "HTML report to write (default: B/compare-report.html).")
    Path out;

    @Override
    public Integer call() {
        if (resamples < 100) {
            throw usageError("--resamples must be at least 100: " + resamples);
        }
        PrintWriter w = output();
        Path html = out != null ? out : b.resolve("compare-report.html");
        CompareReport r = report(db -> CompareAnalysis.analyze(db, a, systemA == null ? "" : systemA, b,
                systemB == null ? "" : systemB, resamples), CompareHtml::render, html);
        TerminalTable.skipped(w, r.skips());
        w.println("A = " + r.labelA());
        w.println("B = " + r.labelB());
        w.println();
        TerminalTable.print(w, "e2e, B against A (95 % bootstrap interval of the mean difference)", List.of("app",
                "runs A", "runs B", "mean A ms", "mean B ms", "B - A ms", "interval ms", "beyond noise"),
                r.apps().stream().map(x -> List.of(x.app(), Format.count(x.runsA()), Format.count(x.runsB()),
                        Format.ms(x.meanA()), Format.ms(x.meanB()), x.difference() == null ? "-"
                                : Format.ms(x.difference().estimate()), x.difference() == null ? "-"
                                : "[" + Format.ms(x.difference().low()) + ", " + Format.ms(x.difference().high()) + "]",
                        x.difference() == null ? "-" : x.difference().excludesZero() ? "yes" : "no")).toList());
        TerminalTable.print(w, "Per query by primitive", List.of("primitive", "A ms", "B ms", "B - A ms", "interval"),
                r.primitives().stream().map(p -> List.of(p.primitive(), Format.ms(p.queueA() + p.serviceA()),
                        Format.ms(p.queueB() + p.serviceB()),
                        Format.ms(p.queueB() + p.serviceB() - p.queueA() - p.serviceA()), p.difference() == null ? "-"
                                : "[" + Format.ms(p.difference().low()) + ", " + Format.ms(p.difference().high())
                                + "]")).toList());
        TerminalTable.end(w, r.recommendations(), html);
        w.flush();
        return 0;
    }
}
