package dev.ayo4j.bench.app;

import java.util.List;
import java.util.Objects;

/**
 * How one system served one query.
 *
 * @param query          the query's index
 * @param latencyNanos   from the query's arrival to its answer
 * @param answer         the answer text
 * @param contextIds     ids of the passages the answer was given, best first (empty without retrieval)
 * @param criticalPathNanos the ayo4j runtime's measured critical path; 0 for systems that do not trace
 * @param serviceNanos   the ayo4j runtime's end-to-end time (from submission); 0 for other systems
 * @param spans          engine calls of the query, for Gantt charts (empty if not recorded)
 */
public record QueryOutcome(int query, long latencyNanos, String answer, List<String> contextIds,
                           long criticalPathNanos, long serviceNanos, List<Span> spans) {
    public QueryOutcome {
        Objects.requireNonNull(answer, "answer");
        contextIds = List.copyOf(contextIds);
        spans = List.copyOf(spans);
    }

    /** This outcome with the latency measured from the query's arrival. */
    public QueryOutcome withLatency(long nanos) {
        return new QueryOutcome(query, nanos, answer, contextIds, criticalPathNanos, serviceNanos, spans);
    }
}
