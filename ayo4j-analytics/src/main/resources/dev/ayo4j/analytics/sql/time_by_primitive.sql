-- Time by primitive kind and engine, split into queueing and service, per system. Reads: primitives.
SELECT system, primitive, engine,
       COUNT(*) AS spans,
       SUM(queue_ms) AS queue_ms,
       SUM(service_ms) AS service_ms,
       AVG(queue_ms) AS mean_queue_ms,
       AVG(service_ms) AS mean_service_ms,
       percentile_cont(0.9) WITHIN GROUP (ORDER BY queue_ms + service_ms) AS p90_ms
FROM primitives
WHERE outcome IN ('ok', 'failed', 'fell_back')
GROUP BY system, primitive, engine
ORDER BY system, SUM(queue_ms + service_ms) DESC
