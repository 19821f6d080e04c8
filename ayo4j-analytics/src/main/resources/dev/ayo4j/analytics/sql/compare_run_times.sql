-- Per sampled ok run: its app, e2e and time in each primitive kind (queue + service), for the bootstrap.
-- Reads: sampled_runs (side, run_id, system: the runs to resample), runs, primitives.
SELECT r.side, r.run_id, r.app, r.e2e_ms, p.primitive, SUM(p.queue_ms + p.service_ms) AS ms
FROM sampled_runs s
JOIN runs r ON r.side = s.side AND r.run_id = s.run_id AND r.system = s.system
LEFT JOIN primitives p ON p.side = r.side AND p.run_id = r.run_id AND p.system = r.system
    AND p.outcome IN ('ok', 'failed', 'fell_back')
GROUP BY r.side, r.run_id, r.app, r.e2e_ms, p.primitive
ORDER BY r.side, r.run_id
