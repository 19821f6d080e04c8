-- Requests per prompt-length bucket of ${prompt_width} tokens and per output-length bucket of
-- ${output_width} tokens; longer ones fall in bucket ${buckets}. Reads: requests.
SELECT measure, bucket, COUNT(*) AS requests
FROM (
    SELECT 'prompt' AS measure, LEAST(FLOOR(prompt_tokens / ${prompt_width}), ${buckets}) AS bucket FROM requests
    UNION ALL
    SELECT 'output' AS measure, LEAST(FLOOR(output_tokens / ${output_width}), ${buckets}) AS bucket FROM requests
) lengths
GROUP BY measure, bucket
ORDER BY measure, bucket
