-- Batches of each engine by input tokens, in power-of-two buckets (a bucket is its upper bound). Reads: batches.
SELECT system, engine, POWER(2, CEIL(LOG2(GREATEST(tokens_in, 1)))) AS tokens_upto, COUNT(*) AS batches
FROM batches
GROUP BY system, engine, POWER(2, CEIL(LOG2(GREATEST(tokens_in, 1))))
ORDER BY system, engine, tokens_upto
