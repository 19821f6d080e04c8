-- The primitive spans of the ${limit} slowest runs. Reads: runs, primitives.
WITH slow AS (
    SELECT run_id, system FROM runs ORDER BY e2e_ms DESC, run_id LIMIT ${limit}
)
SELECT p.run_id, p.node, p.primitive, p.engine, p.enqueue_ms, p.start_ms, p.end_ms, p.queue_ms, p.service_ms,
       p.batch_size, p.outcome
FROM primitives p
JOIN slow s ON p.run_id = s.run_id AND p.system = s.system
ORDER BY p.run_id, p.start_ms, p.node
