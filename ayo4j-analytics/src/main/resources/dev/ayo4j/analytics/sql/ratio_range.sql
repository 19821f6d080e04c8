-- The 1st and 99th percentile of e2e over its bounds (both bounds together), to place the histogram.
-- Reads: runs.
SELECT percentile_cont(0.01) WITHIN GROUP (ORDER BY ratio) AS low,
       percentile_cont(0.99) WITHIN GROUP (ORDER BY ratio) AS high
FROM (
    SELECT e2e_ms / critical_path_ms AS ratio FROM runs WHERE outcome = 'ok' AND critical_path_ms > 0
    UNION ALL
    SELECT e2e_ms / lower_bound_ms AS ratio FROM runs WHERE outcome = 'ok' AND lower_bound_ms > 0
) ratios
