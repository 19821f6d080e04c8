-- Batches of each engine by input tokens, in power-of-two buckets (a bucket is its upper bound). Batches
-- whose engine recorded no input tokens (a vector search, a reranker that reports none) are left out,
-- rather than counted as batches of one token. Reads: batches.
SELECT system, engine, POWER(2, CEIL(LOG2(tokens_in))) AS tokens_upto, COUNT(*) AS batches
FROM batches
WHERE tokens_in > 0
GROUP BY system, engine, POWER(2, CEIL(LOG2(tokens_in)))
ORDER BY system, engine, tokens_upto
