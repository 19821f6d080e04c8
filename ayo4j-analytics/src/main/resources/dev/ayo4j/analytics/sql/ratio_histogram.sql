-- Distribution of e2e over the critical path and over the lower bound: runs per bucket of width ${width}
-- starting at ${low}; values below fall in bucket 0, values past ${buckets} buckets in the last one.
-- Reads: runs.
SELECT system, bound, bucket, COUNT(*) AS runs
FROM (
    SELECT system, 'critical path' AS bound,
           LEAST(GREATEST(FLOOR((e2e_ms / critical_path_ms - ${low}) / ${width}), 0), ${buckets}) AS bucket
    FROM runs WHERE outcome = 'ok' AND critical_path_ms > 0
    UNION ALL
    SELECT system, 'lower bound' AS bound,
           LEAST(GREATEST(FLOOR((e2e_ms / lower_bound_ms - ${low}) / ${width}), 0), ${buckets}) AS bucket
    FROM runs WHERE outcome = 'ok' AND lower_bound_ms > 0
) ratios
GROUP BY system, bound, bucket
ORDER BY system, bound, bucket
