-- The ${limit} slowest runs. Reads: runs.
SELECT run_id, app, system, outcome, e2e_ms, critical_path_ms, lower_bound_ms, error
FROM runs
ORDER BY e2e_ms DESC, run_id
LIMIT ${limit}
