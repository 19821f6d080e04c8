// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.cli.analyze;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ayo4j.analytics.Database;
import dev.ayo4j.cli.Ayo4jCli;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The analyze commands on good and bad input: a report and a table, or one clear line and exit code 1. */
class AnalyzeCommandTest {
    @TempDir
    Path dir;

    private record Result(int code, String out, String err) {}

    private static Result run(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            int code = Ayo4jCli.run(args);
            return new Result(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    /** A workload trace of three requests, {@code trace.csv} in {@link #dir}. */
    private Path threeRequests() throws Exception {
        return Files.writeString(dir.resolve("trace.csv"), """
                TIMESTAMP,ContextTokens,GeneratedTokens
                2023-11-16 18:00:00.0000000,100,10
                2023-11-16 18:00:01.0000000,2000,20
                2023-11-16 18:00:01.5000000,300,30
                """);
    }

    @Test
    void writesAWorkloadReportAndATable() throws Exception {
        Path csv = threeRequests();
        Path html = dir.resolve("report.html");
        Result r = run("analyze", "workload", csv.toString(), "--out", html.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("Arrival rate").contains("3 requests").contains("report: ");
        assertThat(Files.readString(html)).contains("echarts.init(");
    }

    @Test
    void withoutOutTheWorkloadReportIsWrittenBesideTheTrace() throws Exception {
        Path csv = threeRequests();
        Result r = run("analyze", "workload", csv.toString());
        Path html = dir.resolve("trace-workload.html");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("report: " + html.toAbsolutePath());
        assertThat(Files.readString(html)).contains("echarts.init(");
    }

    @Test
    void aValueBelowItsLeastIsAWrongCommandLine() throws Exception {
        Path csv = threeRequests();
        Result workload = run("analyze", "workload", csv.toString(), "--encoder-max-tokens", "16");
        assertThat(workload.code()).isEqualTo(2);
        assertThat(workload.err()).contains("--encoder-max-tokens must be at least 32: 16");
        assertThat(dir.resolve("trace-workload.html")).doesNotExist();

        Result compare = run("analyze", "compare", dir.toString(), dir.toString(), "--resamples", "50");
        assertThat(compare.code()).isEqualTo(2);
        assertThat(compare.err()).contains("--resamples must be at least 100: 50");
        assertThat(dir.resolve("compare-report.html")).doesNotExist();
    }

    @Test
    void aMissingDirectoryIsOneClearLine() {
        Result r = run("analyze", "runs", dir.resolve("nope").toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).startsWith("ayo4j: no such directory").doesNotContain("\tat ");
    }

    @Test
    void aWrongHeaderIsOneClearLine() throws Exception {
        Path csv = dir.resolve("bad.csv");
        Files.writeString(csv, "ts,prompt,output\n1,2,3\n");
        Result r = run("analyze", "workload", csv.toString(), "--out", dir.resolve("x.html").toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("wrong header").contains("TIMESTAMP,ContextTokens,GeneratedTokens")
                .doesNotContain("\tat ");
    }

    @Test
    void twoSetsWithNoAppInCommonAreOneClearLine() throws Exception {
        for (String side : new String[] {"a", "b"}) {
            Path d = Files.createDirectories(dir.resolve(side));
            try (Database db = Database.open("256MB")) {
                db.execute("COPY (SELECT 'r1' AS run_id, " + Database.literal("app-" + side) + " AS app, "
                        + "'ayo4j' AS system, 'ok' AS outcome, TIMESTAMP '2024-01-01 00:00:00' AS started_at, "
                        + "10.0 AS e2e_ms, 10.0 AS critical_path_ms, 10.0 AS lower_bound_ms, "
                        + "CAST(NULL AS VARCHAR) AS error) TO "
                        + Database.literal(d.resolve("runs-20240101-000000-1.parquet").toString())
                        + " (FORMAT parquet)");
            }
        }
        Result r = run("analyze", "compare", dir.resolve("a").toString(), dir.resolve("b").toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("no app in common").contains("[app-a]").contains("[app-b]")
                .doesNotContain("\tat ");
    }
}
