-- The wall-clock extent of each system's runs (ms since the epoch). Reads: runs.
CREATE OR REPLACE TEMPORARY VIEW extent AS
SELECT system,
       MIN(unix_micros(started_at) / 1000.0) AS t0_ms,
       MAX(unix_micros(started_at) / 1000.0 + e2e_ms) AS t1_ms
FROM runs
GROUP BY system
