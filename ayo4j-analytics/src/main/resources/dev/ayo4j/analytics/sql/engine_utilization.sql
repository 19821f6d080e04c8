-- Share of each system's wall-clock extent that each engine was busy. Reads: busy, extent.
SELECT b.system, b.engine,
       SUM(b.end_abs_ms - b.start_abs_ms) AS busy_ms,
       MAX(x.t1_ms - x.t0_ms) AS extent_ms,
       SUM(b.end_abs_ms - b.start_abs_ms) / NULLIF(MAX(x.t1_ms - x.t0_ms), 0) AS utilization
FROM busy b
JOIN extent x ON b.system = x.system
GROUP BY b.system, b.engine
ORDER BY b.system, utilization DESC
