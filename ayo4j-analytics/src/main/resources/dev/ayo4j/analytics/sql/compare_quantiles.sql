-- e2e quantiles of ok runs of each side, for the side-by-side distribution chart. Reads: runs.
SELECT side,
       percentile_cont(0.05) WITHIN GROUP (ORDER BY e2e_ms) AS q05,
       percentile_cont(0.10) WITHIN GROUP (ORDER BY e2e_ms) AS q10,
       percentile_cont(0.25) WITHIN GROUP (ORDER BY e2e_ms) AS q25,
       percentile_cont(0.50) WITHIN GROUP (ORDER BY e2e_ms) AS q50,
       percentile_cont(0.75) WITHIN GROUP (ORDER BY e2e_ms) AS q75,
       percentile_cont(0.90) WITHIN GROUP (ORDER BY e2e_ms) AS q90,
       percentile_cont(0.95) WITHIN GROUP (ORDER BY e2e_ms) AS q95,
       percentile_cont(0.99) WITHIN GROUP (ORDER BY e2e_ms) AS q99
FROM runs
WHERE outcome = 'ok'
GROUP BY side
ORDER BY side
