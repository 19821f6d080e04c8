-- Size and length statistics of a workload, with the Pearson and Spearman correlation of prompt and output
-- lengths (Spearman: Pearson over ranks, ties given their average rank). Reads: requests.
WITH ranked AS (
    SELECT ts, prompt_tokens, output_tokens,
           RANK() OVER (ORDER BY prompt_tokens) + (COUNT(*) OVER (PARTITION BY prompt_tokens) - 1) / 2.0 AS prompt_rank,
           RANK() OVER (ORDER BY output_tokens) + (COUNT(*) OVER (PARTITION BY output_tokens) - 1) / 2.0 AS output_rank
    FROM requests
)
SELECT COUNT(*) AS requests,
       (MAX(unix_micros(ts)) - MIN(unix_micros(ts))) / 1e6 AS duration_s,
       AVG(prompt_tokens) AS prompt_mean,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY prompt_tokens) AS prompt_p50,
       percentile_cont(0.9) WITHIN GROUP (ORDER BY prompt_tokens) AS prompt_p90,
       percentile_cont(0.99) WITHIN GROUP (ORDER BY prompt_tokens) AS prompt_p99,
       MAX(prompt_tokens) AS prompt_max,
       AVG(output_tokens) AS output_mean,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY output_tokens) AS output_p50,
       percentile_cont(0.9) WITHIN GROUP (ORDER BY output_tokens) AS output_p90,
       percentile_cont(0.99) WITHIN GROUP (ORDER BY output_tokens) AS output_p99,
       MAX(output_tokens) AS output_max,
       percentile_cont(0.99) WITHIN GROUP (ORDER BY prompt_tokens + output_tokens) AS total_p99,
       MAX(prompt_tokens + output_tokens) AS total_max,
       corr(prompt_tokens, output_tokens) AS pearson,
       corr(prompt_rank, output_rank) AS spearman
FROM ranked
