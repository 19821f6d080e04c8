// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.ayo4j.analytics.CompareReport.AppDelta;
import dev.ayo4j.analytics.CompareReport.PrimitiveDelta;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompareAnalysisTest {
    @TempDir
    Path dir;

    /** Four runs of {@code app} with e2e {@code first}, +10, +20, +30 and one Prefill of {@code prefill} ms each. */
    private static void side(Database db, Path d, String system, String app, double first, double prefill,
                             String extraApp) throws Exception {
        Files.createDirectories(d);
        List<String> runs = new ArrayList<>();
        List<String> spans = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String id = system + i;
            runs.add(Fixtures.run(id, app, system, "ok", "2024-01-01 00:00:0" + i, first + 10 * i, first, first, null));
            spans.add(Fixtures.span(id, app, system, "p", "Prefill", "llm", 0, 0, prefill, i, 1, 10, 0, "ok"));
        }
        runs.add(Fixtures.run(system + "x", extraApp, system, "ok", "2024-01-01 00:00:09", 5, 5, 5, null));
        Fixtures.writeRuns(db, d.resolve("runs-20240101-000000-1.parquet"), runs);
        Fixtures.writeSpans(db, d.resolve("primitives-20240101-000000-1.parquet"), spans);
    }

    private CompareReport compare(String appB) throws Exception {
        try (Database db = Database.open("256MB")) {
            side(db, dir.resolve("a"), "no-passes", "rag", 100, 80, "only-a");
            side(db, dir.resolve("b"), "ayo4j", appB, 50, 40, "only-b");
        }
        try (Database db = Database.open("256MB")) {
            return CompareAnalysis.analyze(db, dir.resolve("a"), "", dir.resolve("b"), "", 1000);
        }
    }

    @Test
    void comparesCommonAppsWithABootstrapInterval() throws Exception {
        CompareReport r = compare("rag");
        assertThat(r.onlyA()).containsExactly("only-a");
        assertThat(r.onlyB()).containsExactly("only-b");
        AppDelta rag = r.apps().getFirst();
        assertThat(rag.app()).isEqualTo("rag");
        assertThat(rag.meanA()).isEqualTo(115.0);
        assertThat(rag.meanB()).isEqualTo(65.0);
        assertThat(rag.difference().estimate()).isCloseTo(-50.0, within(1e-9));
        // Every resampled mean of B is at most 80 and of A at least 100: the interval lies within [-80, -20].
        assertThat(rag.difference().low()).isBetween(-80.0, -50.0);
        assertThat(rag.difference().high()).isBetween(-50.0, -20.0);
        assertThat(rag.difference().excludesZero()).isTrue();
        assertThat(r.recommendations().getFirst().text()).contains("B is faster than A by 50.0 ms");
    }

    @Test
    void attributesTheDifferenceToPrimitives() throws Exception {
        PrimitiveDelta prefill = compare("rag").primitives().getFirst();
        assertThat(prefill.primitive()).isEqualTo("Prefill");
        assertThat(prefill.serviceA()).isCloseTo(80.0, within(1e-9));
        assertThat(prefill.serviceB()).isCloseTo(40.0, within(1e-9));
        assertThat(prefill.difference().low()).isCloseTo(-40.0, within(1e-9));
        assertThat(prefill.difference().high()).isCloseTo(-40.0, within(1e-9));
    }

    @Test
    void refusesTwoSetsWithNoAppInCommon() {
        assertThatThrownBy(() -> compare("chain")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("no app in common")
                .hasMessageContaining("[only-a, rag]").hasMessageContaining("[chain, only-b]");
    }

    @Test
    void refusesASystemLabelThatNoRunCarries() throws Exception {
        try (Database db = Database.open("256MB")) {
            side(db, dir.resolve("a"), "no-passes", "rag", 100, 80, "only-a");
        }
        try (Database db = Database.open("256MB")) {
            assertThatThrownBy(() -> CompareAnalysis.analyze(db, dir.resolve("a"), "ayo4j", dir.resolve("a"),
                    "no-passes", 1000)).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("side A has no runs of system ayo4j");
        }
    }
}
