-- One row per engine batch, on the wall clock (ms since the epoch): the union of its spans' intervals, its
-- recorded size, its spans, and their input tokens. Work done in place and absent or skipped primitives are
-- not batches. A batch id is unique only within one runtime's engine (a benchmark opens a runtime per
-- measured run, each numbering its batches from 1), so spans of one id form one batch only where they
-- overlap in time (within 1 ms): the same id seconds apart is another runtime's batch. Reads: runs, primitives.
CREATE OR REPLACE TEMPORARY VIEW batches AS
WITH spans AS (
    SELECT p.system, p.engine, p.batch_id, p.batch_size, p.tokens_in, p.primitive,
           unix_micros(r.started_at) / 1000.0 + p.start_ms AS s,
           unix_micros(r.started_at) / 1000.0 + p.end_ms AS e
    FROM primitives p
    JOIN runs r ON p.run_id = r.run_id AND p.system = r.system
    WHERE p.engine <> 'local' AND p.batch_id >= 0 AND p.outcome NOT IN ('absent', 'skipped')
), ordered AS (
    SELECT system, engine, batch_id, batch_size, tokens_in, primitive, s, e,
           MAX(e) OVER (PARTITION BY system, engine, batch_id ORDER BY s, e
                        ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS previous_end
    FROM spans
), numbered AS (
    SELECT system, engine, batch_id, batch_size, tokens_in, primitive, s, e,
           SUM(CASE WHEN previous_end IS NULL OR s > previous_end + 1 THEN 1 ELSE 0 END)
               OVER (PARTITION BY system, engine, batch_id ORDER BY s, e
                     ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS occurrence
    FROM ordered
)
SELECT system, engine, batch_id,
       MIN(s) AS start_abs_ms,
       MAX(e) AS end_abs_ms,
       MAX(batch_size) AS batch_size,
       COUNT(*) AS spans,
       SUM(tokens_in) AS tokens_in,
       MAX(tokens_in) AS max_tokens_in,
       MAX(primitive) AS primitive
FROM numbered
GROUP BY system, engine, batch_id, occurrence
