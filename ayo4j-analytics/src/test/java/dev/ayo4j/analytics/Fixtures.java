// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.analytics;

import dev.ayo4j.runtime.trace.TraceSchema;
import java.nio.file.Path;
import java.util.List;

/** Writes small trace files with DuckDB, in exactly the columns of {@link TraceSchema}. */
final class Fixtures {
    private Fixtures() {}

    /** A run row: run_id, app, system, outcome, started_at, e2e, critical path, lower bound, error. */
    static String run(String id, String app, String system, String outcome, String startedAt, double e2e, double cp,
                      double lb, String error) {
        return "(" + String.join(", ", Database.literal(id), Database.literal(app), Database.literal(system),
                Database.literal(outcome), "TIMESTAMP " + Database.literal(startedAt), Double.toString(e2e),
                Double.toString(cp), Double.toString(lb), error == null ? "NULL" : Database.literal(error)) + ")";
    }

    /** A primitive row; queue and service are derived from the times. */
    static String span(String run, String app, String system, String node, String primitive, String engine,
                       double enqueue, double start, double end, long batch, int size, int tokensIn, int tokensOut,
                       String outcome) {
        return "(" + String.join(", ", Database.literal(run), Database.literal(app), Database.literal(system),
                Database.literal(node), Database.literal(primitive), Database.literal(engine), Double.toString(enqueue),
                Double.toString(start), Double.toString(end), Double.toString(start - enqueue),
                Double.toString(end - start), Long.toString(batch), Integer.toString(size), Integer.toString(tokensIn),
                Integer.toString(tokensOut), Database.literal(outcome)) + ")";
    }

    static void writeRuns(Database db, Path file, List<String> rows) {
        write(db, file, TraceSchema.RUNS, rows);
    }

    static void writeSpans(Database db, Path file, List<String> rows) {
        write(db, file, TraceSchema.PRIMITIVES, rows);
    }

    static void write(Database db, Path file, TraceSchema.FileKind kind, List<String> rows) {
        String names = String.join(", ", kind.columns().stream().map(TraceSchema.Column::name).toList());
        String casts = String.join(", ", kind.columns().stream()
                .map(c -> "CAST(" + c.name() + " AS " + c.type() + ") AS " + c.name()).toList());
        db.execute("COPY (SELECT " + casts + " FROM (VALUES " + String.join(", ", rows) + ") AS t(" + names
                + ")) TO " + Database.literal(file.toString()) + " (FORMAT parquet)");
    }

    /** Writes the rows of {@code select} (columns named as in {@code kind}) cast to {@code kind}'s types. */
    static void writeSelect(Database db, Path file, TraceSchema.FileKind kind, String select) {
        String casts = String.join(", ", kind.columns().stream()
                .map(c -> "CAST(" + c.name() + " AS " + c.type() + ") AS " + c.name()).toList());
        db.execute("COPY (SELECT " + casts + " FROM (" + select + ") AS t) TO " + Database.literal(file.toString())
                + " (FORMAT parquet)");
    }

    /** The small trace whose figures RunsAnalysisTest computes by hand. */
    static void smallTrace(Database db, Path dir) {
        writeRuns(db, dir.resolve("runs-20240101-000000-1.parquet"), List.of(
                run("r1", "rag", "ayo4j", "ok", "2024-01-01 00:00:00", 100, 80, 50, null),
                run("r2", "rag", "ayo4j", "ok", "2024-01-01 00:00:00.050", 200, 100, 100, null),
                run("r3", "rag", "ayo4j", "failed", "2024-01-01 00:00:01", 50, 50, 25, "boom")));
        writeSpans(db, dir.resolve("primitives-20240101-000000-1.parquet"), List.of(
                span("r1", "rag", "ayo4j", "n1", "Embed", "enc", 0, 0, 20, 1, 2, 10, 0, "ok"),
                span("r1", "rag", "ayo4j", "n1b", "Embed", "enc", 0, 0, 20, 1, 2, 30, 0, "ok"),
                span("r1", "rag", "ayo4j", "n2", "Prefill", "llm", 20, 30, 100, 5, 1, 100, 0, "ok"),
                span("r2", "rag", "ayo4j", "n1", "Embed", "enc", 0, 10, 40, 2, 1, 30, 0, "ok"),
                span("r2", "rag", "ayo4j", "n2", "Prefill", "llm", 40, 60, 200, 6, 1, 200, 0, "ok"),
                span("r2", "rag", "ayo4j", "n3", "PartialPrefill", "llm", 0, 0, 10, 7, 1, 40, 0, "ok"),
                span("r3", "rag", "ayo4j", "n1", "Embed", "enc", 0, 0, 50, 3, 1, 5, 0, "failed")));
    }
}
