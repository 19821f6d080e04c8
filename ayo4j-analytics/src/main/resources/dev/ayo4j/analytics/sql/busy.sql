-- Busy intervals of each engine: the union of its batch intervals (gaps and islands). Reads: batches.
CREATE OR REPLACE TEMPORARY VIEW busy AS
WITH ordered AS (
    SELECT system, engine, start_abs_ms, end_abs_ms,
           MAX(end_abs_ms) OVER (PARTITION BY system, engine ORDER BY start_abs_ms, end_abs_ms
                                 ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS previous_end
    FROM batches
), marked AS (
    SELECT system, engine, start_abs_ms, end_abs_ms,
           CASE WHEN previous_end IS NULL OR start_abs_ms > previous_end THEN 1 ELSE 0 END AS starts_island
    FROM ordered
), numbered AS (
    SELECT system, engine, start_abs_ms, end_abs_ms,
           SUM(starts_island) OVER (PARTITION BY system, engine ORDER BY start_abs_ms, end_abs_ms
                                    ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS island
    FROM marked
)
SELECT system, engine, island, MIN(start_abs_ms) AS start_abs_ms, MAX(end_abs_ms) AS end_abs_ms
FROM numbered
GROUP BY system, engine, island
