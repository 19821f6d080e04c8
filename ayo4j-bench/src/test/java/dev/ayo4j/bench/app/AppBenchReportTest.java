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

    private static RunReport run(String label, double rate, double lc4jP90, double ayoP90) {
        return new RunReport(label, rate, List.of(system(AppBenchmark.AYO4J, ayoP90), system("langchain4j", lc4jP90)),
                Map.of(), 1, 1, null, new QueryResult.WarmUps(3, 1, 2));
    }

    private static SystemReport system(String name, double p90) {
        return new SystemReport(name, name, p90, p90, List.of(p90), 1, AppBenchReport.Work.NONE);
    }
}
