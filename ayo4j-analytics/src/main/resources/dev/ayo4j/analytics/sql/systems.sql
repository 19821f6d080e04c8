-- Runs and extent of each system. Reads: runs.
SELECT system, COUNT(*) AS runs, COUNT(DISTINCT app) AS apps
FROM runs
GROUP BY system
ORDER BY system
