-- Apps of each side before they are matched, with their runs. Reads: a_runs, b_runs.
SELECT 'A' AS side, app, COUNT(*) AS runs FROM a_runs WHERE ${system_a} = '' OR system = ${system_a} GROUP BY app
UNION ALL
SELECT 'B' AS side, app, COUNT(*) AS runs FROM b_runs WHERE ${system_b} = '' OR system = ${system_b} GROUP BY app
ORDER BY side, app
