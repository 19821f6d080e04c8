-- Busy share of each engine per window of ${window_ms} ms from its system's first run. Windows with no
-- busy time do not appear. Reads: busy, extent, buckets (one column b: 0, 1, 2, ...).
WITH placed AS (
    SELECT b.system, b.engine, b.start_abs_ms - x.t0_ms AS s, b.end_abs_ms - x.t0_ms AS e
    FROM busy b
    JOIN extent x ON b.system = x.system
)
SELECT p.system, p.engine, k.b AS bucket,
       SUM(LEAST(p.e, (k.b + 1) * ${window_ms}) - GREATEST(p.s, k.b * ${window_ms})) / ${window_ms} AS utilization
FROM placed p
JOIN buckets k ON k.b >= FLOOR(p.s / ${window_ms}) AND k.b <= FLOOR(p.e / ${window_ms})
GROUP BY p.system, p.engine, k.b
ORDER BY p.system, p.engine, k.b
