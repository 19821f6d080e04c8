-- Every ${every}-th request in arrival order, for the scatter plot of prompt against output length.
-- Reads: requests.
SELECT prompt_tokens, output_tokens
FROM (SELECT prompt_tokens, output_tokens, ROW_NUMBER() OVER (ORDER BY ts) AS n FROM requests) numbered
WHERE n % ${every} = 0
