-- Time by primitive kind on each side, queueing and service, over the common apps' runs. Reads: primitives.
SELECT side, primitive, COUNT(*) AS spans, SUM(queue_ms) AS queue_ms, SUM(service_ms) AS service_ms
FROM primitives
WHERE outcome IN ('ok', 'failed', 'fell_back')
GROUP BY side, primitive
ORDER BY primitive, side
