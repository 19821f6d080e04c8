// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.bench.app;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.ayo4j.Ayo4jException;
import dev.ayo4j.bench.app.AppBenchReport.RunReport;
import dev.ayo4j.bench.app.AppBenchReport.SystemReport;
import dev.ayo4j.bench.app.AppBenchReport.Work;
import dev.ayo4j.bench.app.AppBenchReport.WorkloadReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes an {@link AppBenchReport} as CSV: one row per workload, arrival pattern and system, with its
 * latency and its work per query.
 */
public final class AppBenchCsv {
    private static final CsvMapper CSV = new CsvMapper();

    private AppBenchCsv() {}

    /** One row of the CSV. */
    @JsonPropertyOrder({"workload", "arrivals", "rate", "system", "meanMs", "p90Ms", "queries", "sameAnswersAsAyo4j",
        "promptTokens", "prefilledTokens", "prefilledFrom", "embedderTexts", "rerankerTexts", "storedVectors",
        "savedTexts"})
    public record Row(String workload, String arrivals, double rate, String system, double meanMs, double p90Ms,
                      int queries, int sameAnswersAsAyo4j, double promptTokens, double prefilledTokens,
                      String prefilledFrom, double embedderTexts, double rerankerTexts, double storedVectors,
                      double savedTexts) {}

    /** The rows of {@code report}, in report order. */
    public static List<Row> rows(AppBenchReport report) {
        List<Row> rows = new ArrayList<>();
        for (WorkloadReport w : report.workloads()) {
            for (RunReport r : w.runs()) {
                for (SystemReport s : r.systems()) {
                    Work k = s.work();
                    rows.add(new Row(w.workload(), r.arrivals(), r.rate(), s.system(), s.meanMs(), s.p90Ms(),
                            s.latenciesMs().size(), s.sameAnswersAsAyo4j(), k.promptTokens(), k.prefilledTokens(),
                            k.prefilledFrom(), k.embedderTexts(), k.rerankerTexts(), k.storedVectors(), k.savedTexts()));
                }
            }
        }
        return rows;
    }

    /** Writes the rows of {@code report} with a header line to {@code file}. */
    public static void write(AppBenchReport report, Path file) {
        CsvSchema schema = CSV.schemaFor(Row.class).withHeader();
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            CSV.writer(schema).writeValue(file.toFile(), rows(report));
        } catch (IOException e) {
            throw new Ayo4jException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
