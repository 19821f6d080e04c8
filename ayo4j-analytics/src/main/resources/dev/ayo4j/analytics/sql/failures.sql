-- The most frequent errors of failed runs. Reads: runs.
SELECT system, COALESCE(error, '(no message)') AS error, COUNT(*) AS runs
FROM runs
WHERE outcome = 'failed'
GROUP BY system, COALESCE(error, '(no message)')
ORDER BY runs DESC
LIMIT 10
