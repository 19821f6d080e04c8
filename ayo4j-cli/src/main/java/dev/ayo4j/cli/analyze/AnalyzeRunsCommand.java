// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.cli.analyze;

import dev.ayo4j.analytics.DocCharts;
import dev.ayo4j.analytics.Format;
import dev.ayo4j.analytics.RunsAnalysis;
import dev.ayo4j.analytics.RunsHtml;
import dev.ayo4j.analytics.RunsReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ayo4j analyze runs DIR}: where the time of a directory of run traces went. */
@Command(name = "runs", mixinStandardHelpOptions = true,
        description = "Time by primitive and engine, e2e against its bounds, engine utilization, batches, padding, "
                + "warm-ups and the slowest runs of a directory of run traces (runs-*.parquet, primitives-*.parquet, "
                + "samples-*.parquet).")
final class AnalyzeRunsCommand extends AnalysisCommand {
    @Parameters(index = "0", paramLabel = "DIR", description = "Directory of trace files.")
    Path dir;

    @Option(names = "--out", paramLabel = "FILE", description = "HTML report to write (default: DIR/runs-report.html).")
    Path out;

    @Mixin
    ChartsOption charts;

    @Override
    public Integer call() {
        PrintWriter w = output();
        Path html = out != null ? out : dir.resolve("runs-report.html");
        RunsReport r = report(db -> RunsAnalysis.analyze(db, dir), RunsHtml::render, html);
        TerminalTable.skipped(w, r.skips());
        TerminalTable.print(w, "Runs", List.of("app", "system", "runs", "failed", "p50 ms", "p90 ms", "p50 e2e/cp",
                "p50 e2e/lb"), r.apps().stream().map(a -> List.of(a.app(), a.system(), Format.count(a.runs()),
                Format.count(a.failed()), Format.ms(a.p50Ms()), Format.ms(a.p90Ms()),
                Format.times(a.p50OverCriticalPath()), Format.times(a.p50OverLowerBound()))).toList());
        TerminalTable.print(w, "Time per query by primitive (top 8)", List.of("system", "primitive", "engine",
                "queue ms", "service ms"), r.primitives().stream().limit(8).map(p -> {
                    long n = Math.max(1, r.runsPerSystem().getOrDefault(p.system(), 1L));
                    return List.of(p.system(), p.primitive(), p.engine(), Format.ms(p.queueMs() / n),
                            Format.ms(p.serviceMs() / n));
                }).toList());
        TerminalTable.print(w, "Engine utilization", List.of("system", "engine", "busy"), r.utilization().stream()
                .sorted(Comparator.comparingDouble(RunsReport.EngineUtilization::utilization).reversed())
                .map(u -> List.of(u.system(), u.engine(), Format.pct(u.utilization()))).toList());
        TerminalTable.end(w, r.recommendations(), html);
        charts.write(w, folder -> DocCharts.write(r, folder));
        w.flush();
        return 0;
    }
}
