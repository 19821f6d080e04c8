-- Per app and system: runs, outcomes, e2e quantiles, and e2e over the critical path and over the lower bound
-- (ok runs only). Reads: runs.
SELECT app, system,
       COUNT(*) AS runs,
       SUM(CASE WHEN outcome = 'ok' THEN 1 ELSE 0 END) AS ok,
       SUM(CASE WHEN outcome = 'failed' THEN 1 ELSE 0 END) AS failed,
       AVG(CASE WHEN outcome = 'ok' THEN e2e_ms END) AS mean_e2e_ms,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY CASE WHEN outcome = 'ok' THEN e2e_ms END) AS p50_e2e_ms,
       percentile_cont(0.9) WITHIN GROUP (ORDER BY CASE WHEN outcome = 'ok' THEN e2e_ms END) AS p90_e2e_ms,
       percentile_cont(0.99) WITHIN GROUP (ORDER BY CASE WHEN outcome = 'ok' THEN e2e_ms END) AS p99_e2e_ms,
       percentile_cont(0.5) WITHIN GROUP (
           ORDER BY CASE WHEN outcome = 'ok' THEN e2e_ms / NULLIF(critical_path_ms, 0) END) AS p50_over_cp,
       percentile_cont(0.9) WITHIN GROUP (
           ORDER BY CASE WHEN outcome = 'ok' THEN e2e_ms / NULLIF(critical_path_ms, 0) END) AS p90_over_cp,
       percentile_cont(0.5) WITHIN GROUP (
           ORDER BY CASE WHEN outcome = 'ok' THEN e2e_ms / NULLIF(lower_bound_ms, 0) END) AS p50_over_lb,
       percentile_cont(0.9) WITHIN GROUP (
           ORDER BY CASE WHEN outcome = 'ok' THEN e2e_ms / NULLIF(lower_bound_ms, 0) END) AS p90_over_lb
FROM runs
GROUP BY app, system
ORDER BY app, system
