-- Peak and mean arrival rate at windows of ${window_s} s; the mean counts empty windows too. Reads: requests.
WITH t AS (
    SELECT MIN(unix_micros(ts)) AS t0, MAX(unix_micros(ts)) AS t1, COUNT(*) AS n FROM requests
), w AS (
    SELECT FLOOR((unix_micros(r.ts) - t.t0) / (${window_s} * 1e6)) AS bucket, COUNT(*) AS requests
    FROM requests r
    CROSS JOIN t
    GROUP BY FLOOR((unix_micros(r.ts) - t.t0) / (${window_s} * 1e6))
)
SELECT MAX(w.requests) / ${window_s} AS peak_rate,
       MAX(t.n) / ((FLOOR((MAX(t.t1) - MAX(t.t0)) / (${window_s} * 1e6)) + 1) * ${window_s}) AS mean_rate
FROM w
CROSS JOIN t
