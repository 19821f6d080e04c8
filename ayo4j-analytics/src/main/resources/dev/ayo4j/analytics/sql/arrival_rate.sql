-- Arrival rate per window of ${window_s} s from the first request (windows with no request do not appear).
-- Reads: requests.
WITH t AS (SELECT MIN(unix_micros(ts)) AS t0 FROM requests)
SELECT FLOOR((unix_micros(r.ts) - t.t0) / (${window_s} * 1e6)) AS bucket,
       COUNT(*) / ${window_s} AS rate
FROM requests r
CROSS JOIN t
GROUP BY FLOOR((unix_micros(r.ts) - t.t0) / (${window_s} * 1e6))
ORDER BY bucket
