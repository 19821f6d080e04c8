// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.observability.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ayo4j.observability.Runs;
import dev.ayo4j.primitive.Primitive;
import dev.ayo4j.runtime.Ayo4jRuntime;
import dev.ayo4j.runtime.QueryResult;
import dev.ayo4j.runtime.trace.TraceSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TraceFilesTest {
    @TempDir
    Path dir;

    @Test
    void writesRunsAndPrimitivesInTheSchemaAnalyticsReads() throws Exception {
        QueryResult ok;
        try (TraceFiles files = TraceFiles.open(dir, Limits.DEFAULT)) {
            try (Ayo4jRuntime runtime = Runs.runtime(files.listener("advanced-rag", "ayo4j"), b -> b)) {
                ok = runtime.run(Runs.advancedRag(), Runs.inputs("What is topic 3?"), Runs.GUARD);
            }
            try (Ayo4jRuntime failing = Runs.runtime(files.listener("advanced-rag", "ayo4j"),
                    b -> b.failOn(Primitive.Rerank.class))) {
                assertThatThrownBy(() -> failing.submit("failing-1", Runs.advancedRag(), Runs.inputs("q"), Runs.GUARD)
                        .get()).hasMessageContaining("Rerank");
            }
        }
        assertThat(names()).anyMatch(n -> n.matches("runs-\\d{8}-\\d{6}-\\d{6}\\.parquet"))
                .anyMatch(n -> n.startsWith("primitives-")).noneMatch(n -> n.endsWith(".tmp"));
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement st = db.createStatement()) {
            assertThat(columns(st, "runs")).isEqualTo(columnsOf(TraceSchema.RUNS));
            assertThat(columns(st, "primitives")).isEqualTo(columnsOf(TraceSchema.PRIMITIVES));
            ResultSet r = st.executeQuery("SELECT outcome, e2e_ms, critical_path_ms, lower_bound_ms, error FROM "
                    + "read_parquet('" + dir + "/runs-*.parquet') ORDER BY outcome DESC");
            assertThat(r.next()).isTrue();
            assertThat(r.getString(1)).isEqualTo("ok");
            assertThat(r.getDouble(2)).isEqualTo(ok.endToEndNanos() / 1e6);
            assertThat(r.getDouble(4)).isEqualTo(ok.lowerBoundNanos() / 1e6);
            assertThat(r.getString(5)).isNull();
            assertThat(r.next()).isTrue();
            assertThat(r.getString(1)).isEqualTo("failed");
            assertThat(r.getString(5)).contains("Rerank");
            r = st.executeQuery("SELECT count(*), min(enqueue_ms), max(end_ms) FROM read_parquet('" + dir
                    + "/primitives-*.parquet') p JOIN read_parquet('" + dir + "/runs-*.parquet') r USING (run_id) "
                    + "WHERE r.outcome = 'ok' AND p.system = 'ayo4j' AND run_id LIKE '" + ok.queryId() + "/%'");
            r.next();
            assertThat(r.getInt(1)).isEqualTo(ok.trace().size());
            assertThat(r.getDouble(2)).isGreaterThanOrEqualTo(0);
            assertThat(r.getDouble(3)).isEqualTo(ok.endToEndNanos() / 1e6);
        }
    }

    @Test
    void rotatesBySize() throws Exception {
        try (TraceFiles files = TraceFiles.open(dir, Limits.DEFAULT.withMaxFileBytes(4_000))) {
            for (int batch = 0; batch < 5; batch++) {
                files.add(samples(batch, 60));
            }
        }
        assertThat(names()).as("each batch outgrew a file").hasSizeGreaterThanOrEqualTo(5)
                .allMatch(n -> n.matches("samples-\\d{8}-\\d{6}-\\d{6}\\.parquet"));
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement st = db.createStatement()) {
            assertThat(columns(st, "samples")).isEqualTo(columnsOf(TraceSchema.SAMPLES));
            ResultSet r = st.executeQuery("SELECT count(*) FROM read_parquet('" + dir + "/samples-*.parquet')");
            r.next();
            assertThat(r.getInt(1)).as("nothing lost").isEqualTo(5 * 60);
        }
    }

    @Test
    void deletesTheOldestFilesBeyondTheTotal() throws Exception {
        Limits limits = new Limits(10_000, 20_000, Duration.ofMinutes(5));
        try (TraceFiles files = TraceFiles.open(dir, limits)) {
            for (int batch = 0; batch < 40; batch++) {
                files.add(samples(batch, 50));
                files.flush();
            }
        }
        long total = 0;
        for (String n : names()) {
            total += Files.size(dir.resolve(n));
        }
        assertThat(total).isLessThanOrEqualTo(limits.maxTotalBytes());
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement st = db.createStatement()) {
            ResultSet r = st.executeQuery("SELECT max(value), min(value) FROM read_parquet('" + dir
                    + "/samples-*.parquet')");
            r.next();
            assertThat(r.getDouble(1)).as("the newest rows are kept").isEqualTo(39 * 100 + 49);
            assertThat(r.getDouble(2)).as("the oldest went").isGreaterThan(0);
        }
    }

    private static List<SampleRow> samples(int batch, int n) {
        return IntStream.range(0, n).mapToObj(i -> new SampleRow(Instant.now(), "host-a", "proc",
                "node_cpu_seconds_total", "cpu=" + i + ",mode=user", batch * 100 + i)).toList();
    }

    @Test
    void openingDeletesTemporaryFilesACrashLeft() throws Exception {
        Files.writeString(dir.resolve(".samples-20260101-000000-000001.parquet.tmp"), "partial");
        TraceFiles.open(dir, Limits.DEFAULT.withFlushEvery(Duration.ofMillis(50))).close();
        assertThat(names()).isEmpty();
    }

    private List<String> names() throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private Map<String, String> columns(Statement st, String kind) throws Exception {
        Map<String, String> cols = new LinkedHashMap<>();
        ResultSet r = st.executeQuery("DESCRIBE SELECT * FROM read_parquet('" + dir + "/" + kind + "-*.parquet')");
        while (r.next()) {
            cols.put(r.getString("column_name"), r.getString("column_type"));
        }
        return cols;
    }

    private static Map<String, String> columnsOf(TraceSchema.FileKind kind) {
        Map<String, String> cols = new LinkedHashMap<>();
        kind.columns().forEach(c -> cols.put(c.name(), c.type()));
        return cols;
    }
}
