-- ayo4j's own request log as a workload: one request per run, arriving at started_at, with the prompt tokens
-- of its prefills and the tokens its decodes generated. Reads: runs, primitives.
CREATE OR REPLACE TEMPORARY VIEW requests AS
SELECT r.started_at AS ts,
       COALESCE(SUM(CASE WHEN p.primitive = 'Prefill' THEN p.tokens_in END), 0) AS prompt_tokens,
       COALESCE(SUM(CASE WHEN p.primitive IN ('Decode', 'DecodeItem') THEN p.tokens_out END), 0) AS output_tokens
FROM runs r
LEFT JOIN primitives p ON p.run_id = r.run_id AND p.system = r.system
GROUP BY r.run_id, r.system, r.started_at
