// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.observability.files;

import java.util.List;

/**
 * The trace files' layout, the contract with readers such as the analytics module: in one directory, Parquet
 * files {@code <kind>-<yyyyMMdd-HHmmss>-<seq>.parquet} (UTC time of writing, {@code seq} a six-digit counter)
 * of three kinds, each with the columns listed here in order. Files appear complete or not at all: they are
 * written under a hidden temporary name ({@code .<name>.tmp}) and renamed when closed.
 */
public final class TraceSchema {
    /** A column: its name and its DuckDB (SQL) type. */
    public record Column(String name, String type) {}

    /** A kind of file: its name prefix and its columns. */
    public record Kind(String prefix, List<Column> columns) {
        /** The {@code CREATE TABLE} column list. */
        String ddl() {
            return String.join(", ", columns.stream().map(c -> c.name() + " " + c.type()).toList());
        }
    }

    /** One row per run. {@code lower_bound_ms} is the larger of the critical path and the busiest engine's busy time. */
    public static final Kind RUNS = new Kind("runs", List.of(
            new Column("run_id", "VARCHAR"), new Column("app", "VARCHAR"), new Column("system", "VARCHAR"),
            new Column("outcome", "VARCHAR"), new Column("started_at", "TIMESTAMP"), new Column("e2e_ms", "DOUBLE"),
            new Column("critical_path_ms", "DOUBLE"), new Column("lower_bound_ms", "DOUBLE"),
            new Column("error", "VARCHAR")));

    /** One row per primitive of a run; times in milliseconds from the run's start. */
    public static final Kind PRIMITIVES = new Kind("primitives", List.of(
            new Column("run_id", "VARCHAR"), new Column("app", "VARCHAR"), new Column("system", "VARCHAR"),
            new Column("node", "VARCHAR"), new Column("primitive", "VARCHAR"), new Column("engine", "VARCHAR"),
            new Column("enqueue_ms", "DOUBLE"), new Column("start_ms", "DOUBLE"), new Column("end_ms", "DOUBLE"),
            new Column("queue_ms", "DOUBLE"), new Column("service_ms", "DOUBLE"), new Column("batch_id", "BIGINT"),
            new Column("batch_size", "INTEGER"), new Column("tokens_in", "INTEGER"),
            new Column("tokens_out", "INTEGER"), new Column("outcome", "VARCHAR")));

    /** One row per telemetry sample. */
    public static final Kind SAMPLES = new Kind("samples", List.of(
            new Column("ts", "TIMESTAMP"), new Column("host", "VARCHAR"), new Column("source", "VARCHAR"),
            new Column("metric", "VARCHAR"), new Column("labels", "VARCHAR"), new Column("value", "DOUBLE")));

    /** Run outcome of a run that completed. */
    public static final String OUTCOME_OK = "ok";
    /** Run outcome of a run that failed. */
    public static final String OUTCOME_FAILED = "failed";

    private TraceSchema() {
    }
}
