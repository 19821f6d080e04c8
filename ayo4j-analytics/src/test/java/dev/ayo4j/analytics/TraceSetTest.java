// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ayo4j.runtime.trace.TraceSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TraceSetTest {
    @TempDir
    Path dir;

    @Test
    void refusesAMissingDirectory() {
        try (Database db = Database.open("256MB")) {
            assertThatThrownBy(() -> TraceSet.open(db, dir.resolve("nope"), ""))
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("no such directory");
        }
    }

    @Test
    void refusesAnEmptyDirectory() {
        try (Database db = Database.open("256MB")) {
            assertThatThrownBy(() -> TraceSet.open(db, dir, "")).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("the directory is empty");
        }
    }

    @Test
    void skipsATruncatedFileAndReadsTheRest() throws Exception {
        try (Database db = Database.open("256MB")) {
            Fixtures.smallTrace(db, dir);
            Fixtures.writeRuns(db, dir.resolve("runs-20240101-000000-2.parquet"), List.of(
                    Fixtures.run("r9", "rag", "ayo4j", "ok", "2024-01-01 00:00:02", 10, 10, 10, null)));
        }
        Path second = dir.resolve("runs-20240101-000000-2.parquet");
        byte[] bytes = Files.readAllBytes(second);
        Files.write(second, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        try (Database db = Database.open("256MB")) {
            RunsReport r = RunsAnalysis.analyze(db, dir);
            assertThat(r.skips()).singleElement().satisfies(s -> {
                assertThat(s.what()).isEqualTo("runs-20240101-000000-2.parquet");
                assertThat(s.reason()).contains("not a complete Parquet file");
            });
            assertThat(r.apps().getFirst().runs()).isEqualTo(3);
        }
    }

    @Test
    void refusesADirectoryWhoseOnlyRunsFileIsTruncated() throws Exception {
        try (Database db = Database.open("256MB")) {
            Fixtures.smallTrace(db, dir);
        }
        Path runs = dir.resolve("runs-20240101-000000-1.parquet");
        Files.write(runs, java.util.Arrays.copyOf(Files.readAllBytes(runs), 100));
        try (Database db = Database.open("256MB")) {
            assertThatThrownBy(() -> TraceSet.open(db, dir, "")).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("every runs file was left out")
                    .hasMessageContaining("not a complete Parquet file");
        }
    }

    @Test
    void skipsAFileWithoutTheSchemasColumns() throws Exception {
        try (Database db = Database.open("256MB")) {
            Fixtures.smallTrace(db, dir);
            db.execute("COPY (SELECT 1 AS run_id, 'x' AS app) TO "
                    + Database.literal(dir.resolve("primitives-20240101-000000-9.parquet").toString())
                    + " (FORMAT parquet)");
        }
        try (Database db = Database.open("256MB")) {
            TraceSet set = TraceSet.open(db, dir, "");
            assertThat(set.skips()).singleElement().satisfies(s -> assertThat(s.reason())
                    .contains("missing column(s) system, node"));
            assertThat(set.files(TraceSchema.PRIMITIVES)).hasSize(1);
        }
    }
}
