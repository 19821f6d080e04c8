// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkloadAnalysisTest {
    @TempDir
    Path dir;

    private WorkloadReport analyze(String csv, WorkloadAnalysis.LlmCosts costs) throws Exception {
        Path file = dir.resolve("trace.csv");
        Files.writeString(file, csv);
        try (Database db = Database.open("256MB")) {
            return WorkloadAnalysis.analyze(db, file, costs, 512);
        }
    }

    /** Arrivals at 0, 1, 2, 3 and 10 s; one unparsable row and one negative row. */
    private static final String TRACE = """
            TIMESTAMP,ContextTokens,GeneratedTokens
            2023-11-16 18:00:00.0000000,100,10
            2023-11-16 18:00:01.0000000,200,20
            not a time,5,5
            2023-11-16 18:00:02.0000000,300,30
            2023-11-16 18:00:02.5000000,-1,30
            2023-11-16 18:00:03.0000000,400,40
            2023-11-16 18:00:10.0000000,1000,50
            """;

    @Test
    void measuresBurstinessAtSeveralWindows() throws Exception {
        WorkloadReport r = analyze(TRACE, null);
        assertThat(r.requests()).isEqualTo(5);
        assertThat(r.durationS()).isCloseTo(10.0, within(1e-9));
        // Gaps 1, 1, 1, 7: mean 2.5, sample sd 3, CV 1.2.
        assertThat(r.interarrival().meanS()).isCloseTo(2.5, within(1e-9));
        assertThat(r.interarrival().sdS()).isCloseTo(3.0, within(1e-9));
        assertThat(r.interarrival().cv()).isCloseTo(1.2, within(1e-9));
        // 1 s windows: eleven windows, one request in the busiest; 10 s windows: 4 then 1.
        assertThat(r.window(1.0).peakRate()).isEqualTo(1.0);
        assertThat(r.window(1.0).meanRate()).isCloseTo(5.0 / 11, within(1e-9));
        assertThat(r.window(10.0).peakRate()).isCloseTo(0.4, within(1e-9));
        assertThat(r.window(10.0).peakToMean()).isCloseTo(1.6, within(1e-9));
    }

    @Test
    void measuresLengthsAndTheirCorrelation() throws Exception {
        WorkloadReport r = analyze(TRACE, null);
        assertThat(r.lengths().promptMean()).isEqualTo(400.0);
        assertThat(r.lengths().promptP50()).isEqualTo(300.0);
        assertThat(r.lengths().outputMax()).isEqualTo(50);
        // Pearson: 20000 / sqrt(500000 * 1000); Spearman: both orders agree.
        assertThat(r.lengths().pearson()).isCloseTo(20000 / Math.sqrt(5e8), within(1e-9));
        assertThat(r.lengths().spearman()).isCloseTo(1.0, within(1e-9));
        assertThat(r.encoder().truncated()).isEqualTo(1);
        assertThat(r.encoder().requestsPerBin().stream().mapToLong(Long::longValue).sum()).isEqualTo(5);
        assertThat(r.encoder().workersPerBin().getLast()).isPositive();
    }

    @Test
    void countsTheRowsItLeavesOut() throws Exception {
        WorkloadReport r = analyze(TRACE, null);
        assertThat(r.skippedRows()).isEqualTo(2);
        assertThat(r.skips()).anySatisfy(s -> assertThat(s.what()).contains("line 4"));
        assertThat(r.skips()).anySatisfy(s -> assertThat(s.reason()).contains("negative"));
        assertThat(r.recommendations()).anySatisfy(a -> assertThat(a.text()).contains("2 row(s) of the input"));
    }

    @Test
    void sizesTheLlmFromMeasuredCosts() throws Exception {
        // 1 ms per prompt token, 10 ms per generated token at batch 2: E[service] = 400 + 300 = 700 ms.
        WorkloadReport r = analyze(TRACE, new WorkloadAnalysis.LlmCosts("llama", 1, 10, 2));
        assertThat(r.llm().meanServiceMs()).isCloseTo(700, within(1e-9));
        assertThat(r.llm().saturationRate()).isCloseTo(2000.0 / 700, within(1e-9));
        assertThat(r.llm().instances()).isEqualTo(1);
        assertThat(r.llm().contextPerSlot()).isEqualTo(1280);
    }

    @Test
    void refusesAWrongHeader() throws Exception {
        assertThatThrownBy(() -> analyze("time,prompt,output\n2023-11-16 18:00:00,1,1\n", null))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("wrong header").hasMessageContaining(WorkloadAnalysis.AZURE_HEADER);
    }

    @Test
    void refusesAnEmptyFile() throws Exception {
        assertThatThrownBy(() -> analyze("", null)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("is empty");
    }

    @Test
    void readsAyo4jRunTracesAsAWorkload() throws Exception {
        try (Database db = Database.open("256MB")) {
            Fixtures.smallTrace(db, dir);
        }
        try (Database db = Database.open("256MB")) {
            WorkloadReport r = WorkloadAnalysis.analyze(db, dir, null, 512);
            assertThat(r.requests()).isEqualTo(3);
            // Prefill prompt tokens per run: 100, 200, 0.
            assertThat(r.lengths().promptMean()).isCloseTo(100.0, within(1e-9));
        }
    }
}
