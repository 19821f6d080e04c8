package dev.ayo4j.observability.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ayo4j.observability.Runs;
import dev.ayo4j.primitive.Primitive;
import dev.ayo4j.runtime.Ayo4jRuntime;
import dev.ayo4j.runtime.QueryResult;
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
                    + "/primitives-*.parquet') WHERE run_id = '" + ok.queryId() + "' AND system = 'ayo4j'");
            r.next();
            assertThat(r.getInt(1)).isEqualTo(ok.trace().size());
            assertThat(r.getDouble(2)).isGreaterThanOrEqualTo(0);
            assertThat(r.getDouble(3)).isEqualTo(ok.endToEndNanos() / 1e6);
        }
    }

    @Test
    void rotatesBySizeAndDeletesTheOldestBeyondTheTotal() throws Exception {
        Limits limits = Limits.DEFAULT.withMaxFileBytes(4_000).withMaxTotalBytes(20_000);
        try (TraceFiles files = TraceFiles.open(dir, limits)) {
            for (int batch = 0; batch < 40; batch++) {
                int b = batch;
                files.add(IntStream.range(0, 50).mapToObj(i -> new SampleRow(Instant.now(), "host-a", "proc",
                        "node_cpu_seconds_total", "cpu=" + i + ",mode=user", b * 100 + i)).toList());
            }
        }
        List<String> names = names();
        assertThat(names.size()).as("several files: rotated by size").isGreaterThan(3);
        long total = 0;
        for (String n : names) {
            total += Files.size(dir.resolve(n));
        }
        assertThat(total).isLessThanOrEqualTo(limits.maxTotalBytes());
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement st = db.createStatement()) {
            assertThat(columns(st, "samples")).isEqualTo(columnsOf(TraceSchema.SAMPLES));
            ResultSet r = st.executeQuery("SELECT max(value), min(value) FROM read_parquet('" + dir
                    + "/samples-*.parquet')");
            r.next();
            assertThat(r.getDouble(1)).as("the newest rows are kept").isEqualTo(39 * 100 + 49);
            assertThat(r.getDouble(2)).as("the oldest went").isGreaterThan(0);
        }
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

    private static Map<String, String> columnsOf(TraceSchema.Kind kind) {
        Map<String, String> cols = new LinkedHashMap<>();
        kind.columns().forEach(c -> cols.put(c.name(), c.type()));
        return cols;
    }
}
