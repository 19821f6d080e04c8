// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.analytics;

import java.util.List;

/**
 * The columns of the trace files the analyses read, in a directory: {@code runs-<yyyyMMdd-HHmmss>-<seq>.parquet},
 * {@code primitives-<...>.parquet} and {@code samples-<...>.parquet}. Times in primitive rows are milliseconds
 * from their run's start; {@code started_at} places the run on the wall clock.
 */
public final class TraceSchema {
    /** A column: its name and DuckDB type. */
    public record Column(String name, String type) {}

    /** One kind of trace file: the prefix of its file names and its columns. */
    public record FileKind(String prefix, List<Column> columns) {
        public FileKind {
            columns = List.copyOf(columns);
        }

        /** Whether {@code fileName} is a file of this kind ({@code <prefix>-*.parquet}). */
        public boolean matches(String fileName) {
            return fileName.startsWith(prefix + "-") && fileName.endsWith(".parquet");
        }
    }

    /** One row per query run. {@code outcome} is {@code ok} or {@code failed}. */
    public static final FileKind RUNS = new FileKind("runs", List.of(
            new Column("run_id", "VARCHAR"), new Column("app", "VARCHAR"), new Column("system", "VARCHAR"),
            new Column("outcome", "VARCHAR"), new Column("started_at", "TIMESTAMP"), new Column("e2e_ms", "DOUBLE"),
            new Column("critical_path_ms", "DOUBLE"), new Column("lower_bound_ms", "DOUBLE"),
            new Column("error", "VARCHAR")));

    /**
     * One row per primitive of a run. {@code outcome} is {@code ok}, {@code absent}, {@code failed},
     * {@code fell_back} or {@code skipped}; {@code engine} is {@code local} and {@code batch_id} -1 for work done
     * in place.
     */
    public static final FileKind PRIMITIVES = new FileKind("primitives", List.of(
            new Column("run_id", "VARCHAR"), new Column("app", "VARCHAR"), new Column("system", "VARCHAR"),
            new Column("node", "VARCHAR"), new Column("primitive", "VARCHAR"), new Column("engine", "VARCHAR"),
            new Column("enqueue_ms", "DOUBLE"), new Column("start_ms", "DOUBLE"), new Column("end_ms", "DOUBLE"),
            new Column("queue_ms", "DOUBLE"), new Column("service_ms", "DOUBLE"), new Column("batch_id", "BIGINT"),
            new Column("batch_size", "INTEGER"), new Column("tokens_in", "INTEGER"),
            new Column("tokens_out", "INTEGER"), new Column("outcome", "VARCHAR")));

    /** Telemetry samples; {@code labels} is {@code k=v,k=v}. */
    public static final FileKind SAMPLES = new FileKind("samples", List.of(
            new Column("ts", "TIMESTAMP"), new Column("host", "VARCHAR"), new Column("source", "VARCHAR"),
            new Column("metric", "VARCHAR"), new Column("labels", "VARCHAR"), new Column("value", "DOUBLE")));

    /** All kinds, in the order they are read. */
    public static final List<FileKind> KINDS = List.of(RUNS, PRIMITIVES, SAMPLES);

    /** Engine name of primitives that ran in place. */
    public static final String LOCAL_ENGINE = "local";

    private TraceSchema() {}
}
