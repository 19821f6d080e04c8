-- Inter-arrival times: mean, standard deviation and coefficient of variation (1 for a Poisson process, more
-- for bursty arrivals). Reads: requests.
WITH gaps AS (
    SELECT (unix_micros(ts) - LAG(unix_micros(ts)) OVER (ORDER BY ts)) / 1e6 AS gap_s
    FROM requests
)
SELECT COUNT(gap_s) AS gaps,
       AVG(gap_s) AS mean_gap_s,
       STDDEV_SAMP(gap_s) AS sd_gap_s,
       STDDEV_SAMP(gap_s) / NULLIF(AVG(gap_s), 0) AS cv
FROM gaps
