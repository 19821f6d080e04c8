-- Utilization metrics of the telemetry samples (any metric whose name contains 'util'), averaged per window of
-- ${window_ms} ms from the first sample. Reads: samples.
WITH t AS (SELECT MIN(unix_micros(ts)) AS t0 FROM samples)
SELECT s.host, s.source, s.metric, s.labels,
       FLOOR((unix_micros(s.ts) - t.t0) / (${window_ms} * 1000.0)) AS bucket,
       AVG(s.value) AS value
FROM samples s
CROSS JOIN t
WHERE LOWER(s.metric) LIKE '%util%'
GROUP BY s.host, s.source, s.metric, s.labels, FLOOR((unix_micros(s.ts) - t.t0) / (${window_ms} * 1000.0))
ORDER BY s.host, s.source, s.metric, s.labels, bucket
