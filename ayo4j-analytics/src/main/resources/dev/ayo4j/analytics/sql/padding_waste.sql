-- Encoder padding: each batch of Embed or Rerank spans is padded to its longest span, so it computes
-- spans x longest tokens for the tokens it was given. Only batches with recorded tokens count. Reads: batches.
SELECT system, engine,
       COUNT(*) AS batches,
       SUM(tokens_in) AS real_tokens,
       SUM(spans * max_tokens_in) AS padded_tokens,
       1 - SUM(tokens_in) / NULLIF(SUM(spans * max_tokens_in), 0) AS waste
FROM batches
WHERE primitive IN ('Embed', 'Rerank') AND max_tokens_in > 0
GROUP BY system, engine
ORDER BY system, engine
