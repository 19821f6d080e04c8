-- e2e of each common app on each side (quantiles over ok runs). Reads: runs (the compare view).
SELECT app, side,
       COUNT(*) AS runs,
       SUM(CASE WHEN outcome = 'ok' THEN 1 ELSE 0 END) AS ok,
       AVG(CASE WHEN outcome = 'ok' THEN e2e_ms END) AS mean_e2e_ms,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY CASE WHEN outcome = 'ok' THEN e2e_ms END) AS p50_e2e_ms,
       percentile_cont(0.9) WITHIN GROUP (ORDER BY CASE WHEN outcome = 'ok' THEN e2e_ms END) AS p90_e2e_ms
FROM runs
GROUP BY app, side
ORDER BY app, side
