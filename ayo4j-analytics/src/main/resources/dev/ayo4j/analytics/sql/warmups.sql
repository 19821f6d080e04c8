-- Warm-ups (PartialPrefill) by outcome, with the prompt tokens they prefilled ahead of the full prompt (for
-- ok warm-ups: the prompt tokens the full prefill found in the cache). Reads: primitives.
SELECT system, outcome, COUNT(*) AS warmups, SUM(tokens_in) AS tokens
FROM primitives
WHERE primitive = 'PartialPrefill'
GROUP BY system, outcome
ORDER BY system, outcome
