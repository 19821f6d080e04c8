// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.ayo4j.analytics.RunsReport.AppSummary;
import dev.ayo4j.analytics.RunsReport.EngineUtilization;
import dev.ayo4j.analytics.RunsReport.PrimitiveTime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunsAnalysisTest {
    @TempDir
    static Path dir;
    private static RunsReport report;

    @BeforeAll
    static void analyzeTheSmallTrace() {
        try (Database db = Database.open("256MB")) {
            Fixtures.smallTrace(db, dir);
        }
        try (Database db = Database.open("256MB")) {
            report = RunsAnalysis.analyze(db, dir);
        }
    }

    private static RunsReport report() {
        return report;
    }

    @Test
    void writesDocChartsAsPngAndSvg() throws Exception {
        java.util.List<Path> files = DocCharts.write(report(), dir.resolve("charts"));
        assertThat(files).extracting(p -> p.getFileName().toString()).containsExactly("time-by-primitive.png",
                "time-by-primitive.svg", "utilization-over-time.png", "utilization-over-time.svg");
        byte[] png = Files.readAllBytes(files.getFirst());
        assertThat(png).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
        assertThat(Files.readString(files.get(1))).contains("<svg");
    }

    @Test
    void summarisesE2eAndItsRatiosOverOkRuns() {
        AppSummary a = report().apps().getFirst();
        assertThat(a.runs()).isEqualTo(3);
        assertThat(a.ok()).isEqualTo(2);
        assertThat(a.failed()).isEqualTo(1);
        assertThat(a.meanMs()).isEqualTo(150.0);
        // Ratios over the critical path: 100/80 = 1.25 and 200/100 = 2.0; the median interpolates.
        assertThat(a.p50OverCriticalPath()).isCloseTo(1.625, within(1e-9));
        assertThat(a.p50OverLowerBound()).isCloseTo(2.0, within(1e-9));
    }

    @Test
    void splitsTimeByPrimitiveIntoQueueingAndService() {
        RunsReport r = report();
        PrimitiveTime embed = r.primitives().stream().filter(p -> p.primitive().equals("Embed")).findFirst().orElseThrow();
        assertThat(embed.spans()).isEqualTo(4);
        assertThat(embed.queueMs()).isEqualTo(10.0);
        assertThat(embed.serviceMs()).isEqualTo(120.0);
        PrimitiveTime prefill = r.primitives().stream().filter(p -> p.primitive().equals("Prefill")).findFirst()
                .orElseThrow();
        assertThat(prefill.queueMs()).isEqualTo(30.0);
        assertThat(prefill.meanQueueMs()).isEqualTo(15.0);
        assertThat(prefill.serviceMs()).isEqualTo(210.0);
    }

    @Test
    void utilizationIsTheUnionOfBatchIntervalsOverTheExtent() {
        RunsReport r = report();
        // Extent 0..1050 ms. enc: batches [0,20], [60,90], [1000,1050]; llm: [30,100] holds [50,60], then [110,250].
        EngineUtilization enc = r.utilization().stream().filter(u -> u.engine().equals("enc")).findFirst().orElseThrow();
        EngineUtilization llm = r.utilization().stream().filter(u -> u.engine().equals("llm")).findFirst().orElseThrow();
        assertThat(enc.extentMs()).isCloseTo(1050, within(1e-6));
        assertThat(enc.busyMs()).isCloseTo(100, within(1e-6));
        assertThat(llm.busyMs()).isCloseTo(210, within(1e-6));
        assertThat(llm.utilization()).isCloseTo(0.2, within(1e-9));
        assertThat(r.windowMs()).isEqualTo(10.0);
        double[] encOverTime = r.utilizationOverTime().get("ayo4j / enc");
        assertThat(encOverTime[0]).isCloseTo(1.0, within(1e-9));
        assertThat(encOverTime[5]).isZero();
        assertThat(encOverTime[6]).isCloseTo(1.0, within(1e-9));
        assertThat(encOverTime[9]).isZero();
    }

    @Test
    void aBatchIdReusedByAnotherRuntimeIsAnotherBatch(@TempDir Path twice) {
        // A benchmark's two runtimes both number their first encoder batch 1, ten seconds apart: two
        // batches of 20 and 30 ms, not one that spans the ten seconds between them.
        try (Database db = Database.open("256MB")) {
            Fixtures.writeRuns(db, twice.resolve("runs-20240101-000000-1.parquet"), List.of(
                    Fixtures.run("a1", "rag", "bench", "ok", "2024-01-01 00:00:00", 100, 100, 100, null),
                    Fixtures.run("a2", "rag", "bench", "ok", "2024-01-01 00:00:10", 100, 100, 100, null)));
            Fixtures.writeSpans(db, twice.resolve("primitives-20240101-000000-1.parquet"), List.of(
                    Fixtures.span("a1", "rag", "bench", "n1", "Embed", "enc", 0, 0, 20, 1, 1, 10, 0, "ok"),
                    Fixtures.span("a2", "rag", "bench", "n1", "Embed", "enc", 0, 0, 30, 1, 1, 10, 0, "ok"),
                    Fixtures.span("a2", "rag", "bench", "n2", "VectorSearch", "vec", 30, 30, 40, 2, 1, 0, 0, "ok")));
        }
        RunsReport r;
        try (Database db = Database.open("256MB")) {
            r = RunsAnalysis.analyze(db, twice);
        }
        EngineUtilization enc = r.utilization().stream().filter(u -> u.engine().equals("enc")).findFirst()
                .orElseThrow();
        assertThat(enc.busyMs()).isCloseTo(50, within(1e-6));
        assertThat(enc.extentMs()).isCloseTo(10_100, within(1e-6));
        // Two batches of 10 tokens each; the vector search recorded no tokens and is no "1-token" batch.
        assertThat(r.batchTokens()).extracting(RunsReport.BatchCount::engine, RunsReport.BatchCount::value,
                RunsReport.BatchCount::batches).containsExactly(org.assertj.core.groups.Tuple.tuple("enc", 16L, 2L));
    }

    @Test
    void aBusyEngineWhoseOnlyQueueingIsWarmUpsIsNotAdvisedASecondInstance(@TempDir Path busy) {
        // The llm is busy 95 of 100 ms; its prefill never queues, its warm-up waits 90 ms for it by design.
        try (Database db = Database.open("256MB")) {
            Fixtures.writeRuns(db, busy.resolve("runs-20240101-000000-1.parquet"), List.of(
                    Fixtures.run("b1", "rag", "ayo4j", "ok", "2024-01-01 00:00:00", 100, 100, 100, null)));
            Fixtures.writeSpans(db, busy.resolve("primitives-20240101-000000-1.parquet"), List.of(
                    Fixtures.span("b1", "rag", "ayo4j", "p", "Prefill", "llm", 0, 0, 90, 1, 1, 10, 0, "ok"),
                    Fixtures.span("b1", "rag", "ayo4j", "w", "PartialPrefill", "llm", 0, 90, 95, 2, 1, 10, 0, "ok")));
        }
        RunsReport r;
        try (Database db = Database.open("256MB")) {
            r = RunsAnalysis.analyze(db, busy);
        }
        assertThat(r.recommendations()).anySatisfy(rec -> assertThat(rec.text())
                .contains("busy 95 %", "other than warm-ups wait 0 ms per query", "a second instance would not help"));
    }

    @Test
    void measuresPaddingBatchesAndWarmups() {
        RunsReport r = report();
        // enc batches: {10, 30} padded to 2 x 30, {30}, {5}: 75 real of 95 computed tokens.
        assertThat(r.padding().getFirst().realTokens()).isEqualTo(75);
        assertThat(r.padding().getFirst().paddedTokens()).isEqualTo(95);
        assertThat(r.padding().getFirst().waste()).isCloseTo(20.0 / 95, within(1e-9));
        assertThat(r.batchSizes()).anySatisfy(b -> {
            assertThat(b.engine()).isEqualTo("enc");
            assertThat(b.value()).isEqualTo(2);
            assertThat(b.batches()).isEqualTo(1);
        });
        assertThat(r.warmups()).singleElement().satisfies(w -> {
            assertThat(w.outcome()).isEqualTo("ok");
            assertThat(w.tokens()).isEqualTo(40);
        });
        assertThat(r.recommendations()).anySatisfy(rec -> assertThat(rec.text()).contains("40 prompt tokens"));
        assertThat(r.recommendations()).anySatisfy(rec -> assertThat(rec.text()).contains("1 of 3 runs failed"));
    }

    @Test
    void drawsTheSlowestRunWithItsInferredCriticalPath() {
        RunsReport r = report();
        RunsReport.SlowRun slowest = r.slowest().getFirst();
        assertThat(slowest.runId()).isEqualTo("r2");
        assertThat(slowest.spans()).extracting(RunsReport.SpanView::node).containsExactly("n3", "n1", "n2");
        assertThat(slowest.spans()).extracting(RunsReport.SpanView::critical).containsExactly(false, true, true);
    }

    @Test
    void writesAPageWithTheChartLibraryInlined() throws Exception {
        Path html = dir.resolve("report.html");
        RunsHtml.render(report()).write(html);
        String page = Files.readString(html);
        assertThat(page).contains("echarts.init(").contains("Apache").contains("r2: rag on ayo4j");
        assertThat(page).doesNotContain("<script src=");
    }
}
