-- Measured LLM costs of a run trace: prefill ms per prompt token and decode ms per generated token, with the
-- mean decode batch they were measured at, per engine. Reads: primitives.
SELECT engine,
       SUM(CASE WHEN primitive = 'Prefill' THEN service_ms ELSE 0 END)
           / NULLIF(SUM(CASE WHEN primitive = 'Prefill' THEN tokens_in ELSE 0 END), 0) AS prefill_ms_per_token,
       SUM(CASE WHEN primitive IN ('Decode', 'DecodeItem') THEN service_ms ELSE 0 END)
           / NULLIF(SUM(CASE WHEN primitive IN ('Decode', 'DecodeItem') THEN tokens_out ELSE 0 END), 0)
           AS decode_ms_per_token,
       AVG(CASE WHEN primitive IN ('Decode', 'DecodeItem') THEN batch_size END) AS mean_decode_batch,
       SUM(CASE WHEN primitive IN ('Decode', 'DecodeItem') THEN 1 ELSE 0 END) AS decodes
FROM primitives
WHERE outcome = 'ok' AND primitive IN ('Prefill', 'Decode', 'DecodeItem')
GROUP BY engine
HAVING SUM(CASE WHEN primitive IN ('Decode', 'DecodeItem') THEN tokens_out ELSE 0 END) > 0
ORDER BY decodes DESC
