// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.cli.analyze;

import dev.ayo4j.analytics.DocCharts;
import dev.ayo4j.analytics.Format;
import dev.ayo4j.analytics.WorkloadAnalysis;
import dev.ayo4j.analytics.WorkloadHtml;
import dev.ayo4j.analytics.WorkloadReport;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ayo4j analyze workload FILE}: arrivals and sizes of a workload trace, and what to deploy for it. */
@Command(name = "workload", mixinStandardHelpOptions = true,
        description = "Characterise a workload trace (the Azure LLM inference CSV, TIMESTAMP,ContextTokens,"
                + "GeneratedTokens, or a directory of ayo4j run traces): arrival rate, burstiness, length "
                + "distributions, and length bins, LLM slots and context for it.")
final class AnalyzeWorkloadCommand extends AnalysisCommand {
    @Parameters(index = "0", paramLabel = "FILE", description = "Workload trace: a CSV file or a trace directory.")
    Path input;

    @Option(names = "--engines", paramLabel = "DIR",
            description = "Run trace of the engines to deploy; their measured LLM costs size slots and saturation.")
    Path engines;

    @Option(names = "--encoder-max-tokens", defaultValue = "512",
            description = "Longest text the encoder takes; longer prompts are truncated.")
    int encoderMaxTokens;

    @Option(names = "--out", paramLabel = "FILE",
            description = "HTML report to write (default: <FILE without extension>-workload.html beside it).")
    Path out;

    @Mixin
    ChartsOption charts;

    @Override
    public Integer call() {
        if (encoderMaxTokens < WorkloadAnalysis.BIN_GRANULARITY) {
            throw usageError("--encoder-max-tokens must be at least " + WorkloadAnalysis.BIN_GRANULARITY + ": "
                    + encoderMaxTokens);
        }
        PrintWriter w = output();
        WorkloadAnalysis.LlmCosts costs = engines == null ? null : WorkloadAnalysis.measureLlm(engines);
        Path html = out != null ? out : defaultOut();
        WorkloadReport r = report(db -> WorkloadAnalysis.analyze(db, input, costs, encoderMaxTokens),
                WorkloadHtml::render, html);
        if (r.skippedRows() > 0) {
            w.printf(Locale.ROOT, "skipped %,d row(s); first: %s: %s%n", r.skippedRows(), r.skips().getFirst().what(),
                    r.skips().getFirst().reason());
        } else {
            TerminalTable.skipped(w, r.skips());
        }
        w.printf(Locale.ROOT, "%s: %,d requests over %.1f min; inter-arrival CV %.2f%n%n", r.source(), r.requests(),
                r.durationS() / 60, r.interarrival().cv());
        TerminalTable.print(w, "Arrival rate", List.of("window", "mean req/s", "peak req/s", "peak/mean"),
                r.windows().stream().map(x -> List.of(String.format(Locale.ROOT, "%.0f s", x.seconds()),
                        Format.num(x.meanRate(), 2), Format.num(x.peakRate(), 2), Format.times(x.peakToMean())))
                        .toList());
        var l = r.lengths();
        TerminalTable.print(w, "Lengths (tokens)", List.of("", "mean", "p50", "p90", "p99", "max"), List.of(
                List.of("prompt", Format.num(l.promptMean(), 0), Format.num(l.promptP50(), 0),
                        Format.num(l.promptP90(), 0), Format.num(l.promptP99(), 0), Format.count(l.promptMax())),
                List.of("output", Format.num(l.outputMean(), 0), Format.num(l.outputP50(), 0),
                        Format.num(l.outputP90(), 0), Format.num(l.outputP99(), 0), Format.count(l.outputMax()))));
        TerminalTable.end(w, r.recommendations(), html);
        charts.write(w, folder -> DocCharts.write(r, folder));
        w.flush();
        return 0;
    }

    private Path defaultOut() {
        String name = input.getFileName() == null ? "workload" : input.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String base = (dot > 0 ? name.substring(0, dot) : name) + "-workload.html";
        Path parent = input.toAbsolutePath().getParent();
        // A dataset may sit in a read-only place; then write the report to the working directory.
        return parent != null && Files.isWritable(parent) && !Files.isDirectory(input) ? parent.resolve(base)
                : Files.isDirectory(input) ? input.resolve(base) : Path.of(base);
    }
}
