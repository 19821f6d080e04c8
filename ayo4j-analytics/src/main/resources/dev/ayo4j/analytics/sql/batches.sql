-- One row per engine batch, on the wall clock (ms since the epoch): the union of its spans' intervals, its
-- recorded size, its spans, and their input tokens. Work done in place and absent or skipped primitives are
-- not batches. Reads: runs, primitives.
CREATE OR REPLACE TEMPORARY VIEW batches AS
SELECT p.system, p.engine, p.batch_id,
       MIN(unix_micros(r.started_at) / 1000.0 + p.start_ms) AS start_abs_ms,
       MAX(unix_micros(r.started_at) / 1000.0 + p.end_ms) AS end_abs_ms,
       MAX(p.batch_size) AS batch_size,
       COUNT(*) AS spans,
       SUM(p.tokens_in) AS tokens_in,
       MAX(p.tokens_in) AS max_tokens_in,
       MAX(p.primitive) AS primitive
FROM primitives p
JOIN runs r ON p.run_id = r.run_id AND p.system = r.system
WHERE p.engine <> 'local' AND p.batch_id >= 0 AND p.outcome NOT IN ('absent', 'skipped')
GROUP BY p.system, p.engine, p.batch_id
