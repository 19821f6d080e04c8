// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.analytics;

import dev.ayo4j.runtime.trace.TraceSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Writes a synthetic trace directory in the schema of {@link TraceSchema}, for scale checks and report demos:
 * {@code java ... dev.ayo4j.analytics.SyntheticTraces DIR RUNS [SYSTEM]} writes RUNS runs of a RAG app (10
 * primitive spans each: embed, search, rerank, warm-up, prefill, decode and local steps) split over files of
 * 100,000 runs, arriving as a Poisson process at 20 queries/s, with a reranker that saturates in bursts. DuckDB
 * generates the rows, so memory stays flat. SYSTEM {@code no-passes} runs the same app without the prefill
 * split (the prefill waits for the reranker and no warm-up runs). Each file of runs comes with a file of one
 * GPU-utilization telemetry sample per second.
 */
public final class SyntheticTraces {
    static final int RUNS_PER_FILE = 100_000;

    private SyntheticTraces() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: SyntheticTraces DIR RUNS [SYSTEM]");
            System.exit(2);
        }
        Path dir = Path.of(args[0]);
        long runs = Long.parseLong(args[1]);
        String system = args.length > 2 ? args[2] : "ayo4j";
        long started = System.nanoTime();
        write(dir, runs, system);
        System.out.printf(Locale.ROOT, "wrote %,d runs (%,d spans) of %s to %s in %.1f s%n", runs, runs * 10, system,
                dir, (System.nanoTime() - started) / 1e9);
    }

    static void write(Path dir, long runs, String system) throws Exception {
        Files.createDirectories(dir);
        boolean passes = !system.equals("no-passes");
        try (Database db = Database.open("1GB")) {
            db.execute("SELECT setseed(0.42)");
            for (long first = 0, file = 1; first < runs; first += RUNS_PER_FILE, file++) {
                long last = Math.min(runs, first + RUNS_PER_FILE);
                // One row per run with its chain of times; the reranker queues longer in its busy minutes.
                db.execute("CREATE OR REPLACE TEMPORARY TABLE gen AS SELECT i, "
                        + "'q' || i AS run_id, "
                        + "TIMESTAMP '2026-01-01 00:00:00' + to_milliseconds(CAST(i * 50 + random() * 40 AS BIGINT)) AS started_at, "
                        + "CASE WHEN random() < 0.01 THEN 'failed' ELSE 'ok' END AS outcome, "
                        + "CAST(random() * 8 AS DOUBLE) AS q_embed, 6 + random() * 4 AS s_embed, "
                        + "CAST(random() * 2 AS DOUBLE) AS q_search, 2 + random() * 2 AS s_search, "
                        + "(CASE WHEN (i / 1200) % 3 = 0 THEN 60 ELSE 10 END) * random() AS q_rerank, "
                        + "25 + random() * 15 AS s_rerank, "
                        + "random() * 5 AS q_prefill, 60 + random() * 40 AS s_prefill, "
                        + "150 + random() * 100 AS s_decode, "
                        + "CAST(64 + random() * 400 AS INTEGER) AS passage_tokens, "
                        + "CAST(20 + random() * 200 AS INTEGER) AS out_tokens "
                        + "FROM range(" + first + ", " + last + ") t(i)");
                // Node times relative to the run's start.
                String pre = passes ? "0" : "(s_embed_end + q_search + s_search + q_rerank + s_rerank)";
                db.execute("CREATE OR REPLACE TEMPORARY TABLE chain AS SELECT *, "
                        + "q_embed + s_embed AS s_embed_end FROM gen");
                db.execute("CREATE OR REPLACE TEMPORARY TABLE timed AS SELECT *, "
                        + "s_embed_end + q_search AS search_start, s_embed_end + q_search + s_search AS search_end, "
                        + "s_embed_end + q_search + s_search + q_rerank AS rerank_start, "
                        + "s_embed_end + q_search + s_search + q_rerank + s_rerank AS rerank_end, "
                        + pre + " AS warm_enqueue FROM chain");
                String prefillStart = "(rerank_end + q_prefill)";
                String prefillEnd = "(rerank_end + q_prefill + s_prefill * " + (passes ? "0.4" : "1.0") + ")";
                String span = "SELECT run_id, 'rag' AS app, '" + system + "' AS system, %s AS node, %s AS primitive, "
                        + "%s AS engine, %s AS enqueue_ms, %s AS start_ms, %s AS end_ms, %s AS queue_ms, "
                        + "%s AS service_ms, %s AS batch_id, %s AS batch_size, %s AS tokens_in, %s AS tokens_out, "
                        + "%s AS outcome FROM timed";
                String batch = "CAST(FLOOR((epoch_ms(started_at) + %s) / %s) AS BIGINT)";
                String spans = String.join(" UNION ALL ",
                        String.format(Locale.ROOT, span, "'input'", "'Input'", "'local'", "0.0", "0.0", "0.0", "0.0",
                                "0.0", "-1", "1", "0", "0", "'ok'"),
                        String.format(Locale.ROOT, span, "'embed'", "'Embed'", "'minilm'", "0.0", "q_embed",
                                "s_embed_end", "q_embed", "s_embed", String.format(Locale.ROOT, batch, "q_embed", "10"),
                                "CAST(1 + random() * 4 AS INTEGER)", "CAST(8 + random() * 40 AS INTEGER)", "0", "'ok'"),
                        String.format(Locale.ROOT, span, "'search'", "'VectorSearch'", "'lucene'", "s_embed_end",
                                "search_start", "search_end", "q_search", "s_search", String.format(Locale.ROOT, batch,
                                        "search_start", "5"), "1", "0", "0", "'ok'"),
                        String.format(Locale.ROOT, span, "'rerank'", "'Rerank'", "'reranker'", "search_end",
                                "rerank_start", "rerank_end", "q_rerank", "s_rerank", String.format(Locale.ROOT, batch,
                                        "rerank_start", "40"), "CAST(1 + random() * 3 AS INTEGER)",
                                "passage_tokens", "0", "outcome"),
                        String.format(Locale.ROOT, span, "'warm'", "'PartialPrefill'", "'llama'", "warm_enqueue",
                                "warm_enqueue", "warm_enqueue + " + (passes ? "s_prefill * 0.6" : "0"), "0.0",
                                passes ? "s_prefill * 0.6" : "0.0", passes ? "i" : "-1", "1", "40", "0",
                                passes ? "CASE WHEN random() < 0.05 THEN 'fell_back' ELSE 'ok' END" : "'skipped'"),
                        String.format(Locale.ROOT, span, "'prefill'", "'Prefill'", "'llama'", "rerank_end",
                                prefillStart, prefillEnd, "q_prefill", prefillEnd + " - " + prefillStart,
                                "i + 10000000000", "1", "passage_tokens + 60", "0", "'ok'"),
                        String.format(Locale.ROOT, span, "'decode'", "'Decode'", "'llama'", prefillEnd, prefillEnd,
                                prefillEnd + " + s_decode", "0.0", "s_decode", "i + 20000000000",
                                "CAST(1 + random() * 3 AS INTEGER)", "0", "out_tokens", "'ok'"),
                        String.format(Locale.ROOT, span, "'merge'", "'Aggregate'", "'local'", "search_end",
                                "search_end", "search_end", "0.0", "0.0", "-1", "1", "0", "0", "'ok'"),
                        String.format(Locale.ROOT, span, "'format'", "'Aggregate'", "'local'", "rerank_end",
                                "rerank_end", "rerank_end", "0.0", "0.0", "-1", "1", "0", "0", "'ok'"),
                        String.format(Locale.ROOT, span, "'output'", "'Output'", "'local'", prefillEnd + " + s_decode",
                                prefillEnd + " + s_decode", prefillEnd + " + s_decode", "0.0", "0.0", "-1", "1", "0",
                                "0", "'ok'"));
                String stamp = String.format(Locale.ROOT, "20260101-000000-%d", file);
                Fixtures.writeSelect(db, dir.resolve("primitives-" + stamp + ".parquet"), TraceSchema.PRIMITIVES,
                        spans);
                Fixtures.writeSelect(db, dir.resolve("runs-" + stamp + ".parquet"), TraceSchema.RUNS,
                        "SELECT run_id, 'rag' AS app, '" + system + "' AS system, outcome, started_at, "
                                + prefillEnd + " + s_decode AS e2e_ms, "
                                + "s_embed + s_search + s_rerank + s_prefill * " + (passes ? "0.4" : "1.0")
                                + " + s_decode AS critical_path_ms, "
                                + "s_embed + s_search + s_rerank + s_prefill * 0.4 + s_decode AS lower_bound_ms, "
                                + "CASE WHEN outcome = 'failed' THEN 'reranker: connection reset' END AS error "
                                + "FROM timed");
                // One GPU utilization sample per second over the file's runs, as a telemetry agent writes.
                Fixtures.writeSelect(db, dir.resolve("samples-" + stamp + ".parquet"), TraceSchema.SAMPLES,
                        "SELECT TIMESTAMP '2026-01-01 00:00:00' + to_seconds(CAST(s AS BIGINT)) AS ts, "
                                + "'bench-host' AS host, 'nvml' AS source, 'gpu.utilization' AS metric, "
                                + "'gpu=0' AS labels, 55 + 35 * sin(s / 30.0) + random() * 10 AS value "
                                + "FROM range(" + first / 20 + ", " + (last + 19) / 20 + ") t(s)");
            }
        }
    }
}
