// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.bench.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ayo4j.bench.app.AppBenchReport.Knee;
import dev.ayo4j.bench.app.AppBenchReport.RunReport;
import dev.ayo4j.bench.app.AppBenchReport.SystemReport;
import dev.ayo4j.runtime.QueryResult;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The derived figures of an app benchmark: the answer call's tail, the load knee and fallback rates. */
class AppBenchReportTest {
    @Test
    void answerTailRunsFromTheLastRerankToTheEndOfTheAnswer() {
        QueryOutcome o = QueryOutcome.untraced(0, 100, "a", List.of(), List.of(
                new Span("generate.prefill.partial", "llm", 0, 10),
                new Span("rerank[0]", "reranker", 5, 30),
                new Span("rerank[1]", "reranker", 30, 40),
                new Span("generate.prefill", "llm", 40, 70),
                new Span("generate.decode", "llm", 70, 95)));
        assertThat(o.answerTailNanos()).isEqualTo(55);
        assertThat(QueryOutcome.untraced(0, 1, "a", List.of(), List.of(new Span("draft.decode", "llm", 0, 1)))
                .answerTailNanos()).isEqualTo(-1);
    }

    @Test
    void theKneeIsTheFirstRateWhereLangChain4jsP90Doubles() {
        RunReport serial = run("serial", 0, 1000, 900);
        RunReport low = run("poisson 0.1", 0.1, 1500, 950);
        RunReport knee = run("poisson 0.2", 0.2, 2100, 1000);
        RunReport high = run("poisson 0.3", 0.3, 5000, 1400);

        assertThat(RunStatistics.knee(serial, List.of(low, knee, high), "langchain4j"))
                .isEqualTo(new Knee(0.2, 1000, 2100, 1000, 2.1, 0.25));
        assertThat(RunStatistics.knee(serial, List.of(low), "langchain4j")).isNull();
    }

    @Test
    void hoistingPaysBackAfterTheHoistedTextsOverTheTextsItSavesPerQuery() {
        // 400 passage vectors hoisted in 8 s; ayo4j scores 25 candidates a query with them, 20 of which the
        // reranker's text cache would not have held: 20 texts at 20 ms saved per query, paid back after 20 queries.
        AppBenchReport.Ingestion ingestion = new AppBenchReport.Ingestion(400, 12, 400, 4, 400, 8, 6);
        RunReport serial = new RunReport("one at a time", 0, List.of(new SystemReport(AppBenchmark.AYO4J, "a", 1, 1,
                List.of(1.0), 1, new AppBenchReport.Work(100, 50, "model", 3, 1, 25, 20))), Map.of(), 1, 1, null,
                QueryResult.WarmUps.NONE);
        AppBenchReport.Hoisting h = RunStatistics.hoisting(ingestion, serial);
        assertThat(h).isNotNull();
        assertThat(h.savedTextsPerQuery()).isEqualTo(20);
        assertThat(h.savedSecondsPerQuery()).isCloseTo(0.4, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(h.paybackQueries()).isEqualTo(20);
        assertThat(RunStatistics.hoisting(new AppBenchReport.Ingestion(400, 5, 400, 4, 0, 0, 6), serial)).isNull();
        assertThat(RunStatistics.hoisting(null, serial)).isNull();
    }

    @Test
    void theCsvHasOneRowPerSystemAndRunWithTheWorkColumns() {
        AppBenchReport.WorkloadReport w = new AppBenchReport.WorkloadReport("advanced-rag", 400, 0, 1, 48, "score",
                List.of(run("one at a time", 0, 1000, 900), run("poisson 0.2", 0.2, 2100, 1000)), List.of(), Map.of(),
                null, null, null);
        List<AppBenchCsv.Row> rows = AppBenchCsv.rows(new AppBenchReport("m", "p", "d", List.of(w)));
        assertThat(rows).extracting(AppBenchCsv.Row::arrivals, AppBenchCsv.Row::system).containsExactly(
                org.assertj.core.groups.Tuple.tuple("one at a time", AppBenchmark.AYO4J),
                org.assertj.core.groups.Tuple.tuple("one at a time", "langchain4j"),
                org.assertj.core.groups.Tuple.tuple("poisson 0.2", AppBenchmark.AYO4J),
                org.assertj.core.groups.Tuple.tuple("poisson 0.2", "langchain4j"));
        assertThat(rows.getFirst().p90Ms()).isEqualTo(900);
    }

    private static RunReport run(String label, double rate, double lc4jP90, double ayoP90) {
        return new RunReport(label, rate, List.of(system(AppBenchmark.AYO4J, ayoP90), system("langchain4j", lc4jP90)),
                Map.of(), 1, 1, null, new QueryResult.WarmUps(3, 1, 2));
    }

    private static SystemReport system(String name, double p90) {
        return new SystemReport(name, name, p90, p90, List.of(p90), 1, AppBenchReport.Work.NONE);
    }
}
