-- How many utilization samples there are and over how long. Reads: samples.
SELECT COUNT(*) AS samples,
       (MAX(unix_micros(ts)) - MIN(unix_micros(ts))) / 1000.0 AS extent_ms
FROM samples
WHERE LOWER(metric) LIKE '%util%'
