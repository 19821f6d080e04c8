// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.runtime.trace;

import java.util.List;

/**
 * The trace files' layout, the one contract between the writer (the observability module) and the readers
 * (the analytics module): in one directory, Parquet files {@code <kind>-<yyyyMMdd-HHmmss>-<seq>.parquet} (UTC
 * time of writing, {@code seq} a six-digit counter) of three kinds, each with the columns listed here in
 * order. Files appear complete or not at all: they are written under a hidden temporary name
 * ({@code .<name>.tmp}) and renamed when closed. Times in primitive rows are milliseconds from their run's
 * start; {@code started_at} places the run on the wall clock.
 */
public final class TraceSchema {
    /** A column: its name and its DuckDB (SQL) type. */
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

        /** The {@code CREATE TABLE} column list. */
        public String ddl() {
            return String.join(", ", columns.stream().map(c -> c.name() + " " + c.type()).toList());
        }
    }

    /**
     * One row per query run. {@code outcome} is {@link #OUTCOME_OK} or {@link #OUTCOME_FAILED};
     * {@code lower_bound_ms} is the larger of the critical path and the busiest engine's busy time.
     */
    public static final FileKind RUNS = new FileKind("runs", List.of(
            new Column("run_id", "VARCHAR"), new Column("app", "VARCHAR"), new Column("system", "VARCHAR"),
            new Column("outcome", "VARCHAR"), new Column("started_at", "TIMESTAMP"), new Column("e2e_ms", "DOUBLE"),
            new Column("critical_path_ms", "DOUBLE"), new Column("lower_bound_ms", "DOUBLE"),
            new Column("error", "VARCHAR")));

    /**
     * One row per primitive of a run. {@code outcome} is {@code ok}, {@code absent}, {@code failed},
     * {@code fell_back} or {@code skipped}; {@code engine} is {@link TraceEvent#LOCAL} and {@code batch_id} -1
     * for work done in place.
     */
    public static final FileKind PRIMITIVES = new FileKind("primitives", List.of(
            new Column("run_id", "VARCHAR"), new Column("app", "VARCHAR"), new Column("system", "VARCHAR"),
            new Column("node", "VARCHAR"), new Column("primitive", "VARCHAR"), new Column("engine", "VARCHAR"),
            new Column("enqueue_ms", "DOUBLE"), new Column("start_ms", "DOUBLE"), new Column("end_ms", "DOUBLE"),
            new Column("queue_ms", "DOUBLE"), new Column("service_ms", "DOUBLE"), new Column("batch_id", "BIGINT"),
            new Column("batch_size", "INTEGER"), new Column("tokens_in", "INTEGER"),
            new Column("tokens_out", "INTEGER"), new Column("outcome", "VARCHAR")));

    /** One row per telemetry sample; {@code labels} is {@code k=v,k=v}. */
    public static final FileKind SAMPLES = new FileKind("samples", List.of(
            new Column("ts", "TIMESTAMP"), new Column("host", "VARCHAR"), new Column("source", "VARCHAR"),
            new Column("metric", "VARCHAR"), new Column("labels", "VARCHAR"), new Column("value", "DOUBLE")));

    /** All kinds, in the order they are read. */
    public static final List<FileKind> KINDS = List.of(RUNS, PRIMITIVES, SAMPLES);

    /** Run outcome of a run that completed. */
    public static final String OUTCOME_OK = "ok";
    /** Run outcome of a run that failed. */
    public static final String OUTCOME_FAILED = "failed";

    private TraceSchema() {}
}
