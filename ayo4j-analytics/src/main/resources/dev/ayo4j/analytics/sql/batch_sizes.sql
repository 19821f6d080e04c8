-- Batches of each engine by recorded batch size. Reads: batches.
SELECT system, engine, batch_size, COUNT(*) AS batches
FROM batches
GROUP BY system, engine, batch_size
ORDER BY system, engine, batch_size
