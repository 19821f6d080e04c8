// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.bench.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ayo4j.bench.app.AppBenchReport.RunReport;
import dev.ayo4j.bench.app.AppBenchReport.SystemReport;
import dev.ayo4j.bench.app.AppBenchReport.WorkloadReport;
import dev.ayo4j.runtime.QueryResult;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The benchmark's charts come out as SVG documents with their titles and series. */
class SvgPlotsTest {
    private static WorkloadReport workload() {
        List<RunReport> runs = List.of(run(0.1, 900, 1200), run(0.2, 1000, 2000));
        return new WorkloadReport("rag", 100, 10, 4, 32, "as-retrieved", runs, List.of(), Map.of(
                "ayo4j", List.of(new Span("embed", "encoder", 0, 5_000_000), new Span("prefill", "llm", 5_000_000,
                        30_000_000))), null, null, null);
    }

    private static RunReport run(double rate, double ayo, double lc4j) {
        return new RunReport("poisson " + rate, rate, List.of(new SystemReport("ayo4j", "ayo4j", ayo, ayo * 1.2,
                List.of(ayo), 1, AppBenchReport.Work.NONE), new SystemReport("langchain4j", "langchain4j", lc4j, lc4j * 1.5, List.of(lc4j), 1, AppBenchReport.Work.NONE)),
                Map.of(), 1, 1, null, new QueryResult.WarmUps(0, 0, 0));
    }

    @Test
    void drawsLatencyAgainstRateAsSvg() {
        String svg = SvgPlots.latencyVsRate(workload());
        assertThat(svg).startsWith("<?xml").contains("<svg").contains("width=\"720px\"").contains("</svg>");
        // Text is drawn as outlines; the two systems show as solid (mean) and dashed (P90) lines in their colours.
        assertThat(svg).contains("stroke:rgb(27,158,119);stroke-width:2;stroke-miterlimit:10;stroke-linecap:square")
                .contains("stroke:rgb(217,95,2);stroke-width:2;stroke-miterlimit:10;stroke-dasharray:6,4");
    }

    @Test
    void drawsOneQuerysCallsAsAGantt() {
        String svg = SvgPlots.gantt(workload());
        // One thick bar per call, coloured by engine: encoder first, llm second.
        assertThat(svg).contains("<svg").contains("width=\"920px\"")
                .contains("stroke:rgb(27,158,119);stroke-width:10").contains("stroke:rgb(217,95,2);stroke-width:10");
    }
}
