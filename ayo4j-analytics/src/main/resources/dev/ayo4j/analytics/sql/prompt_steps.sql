-- Requests per prompt length rounded up to ${step} tokens, capped at ${max_tokens} (an encoder truncates
-- longer texts). Reads: requests.
SELECT LEAST(CEIL(GREATEST(prompt_tokens, 1) / ${step}) * ${step}, ${max_tokens}) AS upto,
       COUNT(*) AS requests,
       SUM(CASE WHEN prompt_tokens > ${max_tokens} THEN 1 ELSE 0 END) AS truncated
FROM requests
GROUP BY LEAST(CEIL(GREATEST(prompt_tokens, 1) / ${step}) * ${step}, ${max_tokens})
ORDER BY upto
