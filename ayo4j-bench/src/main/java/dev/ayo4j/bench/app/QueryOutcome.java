// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.bench.app;

import dev.ayo4j.runtime.QueryResult;
import java.util.List;
import java.util.Objects;

/**
 * How one system served one query.
 *
 * @param query             the query's index
 * @param latencyNanos      from the query's arrival to its answer
 * @param answer            the answer text
 * @param contextIds        ids of the passages the answer was given, in context order (empty without
 *                          retrieval)
 * @param criticalPathNanos the ayo4j runtime's measured critical path; 0 for systems that do not trace
 * @param lowerBoundNanos   the larger of the critical path and the busiest engine's busy time; 0 for
 *                          systems that do not trace
 * @param serviceNanos      the ayo4j runtime's end-to-end time (from submission); 0 for other systems
 * @param warmUps           warm-up prefills: sent and succeeded, fell back, skipped (ayo4j only)
 * @param spans             engine calls of the query, for Gantt charts and the answer call's tail (empty
 *                          if not recorded)
 */
public record QueryOutcome(int query, long latencyNanos, String answer, List<String> contextIds,
                           long criticalPathNanos, long lowerBoundNanos, long serviceNanos, QueryResult.WarmUps warmUps,
                           List<Span> spans) {
    public QueryOutcome {
        Objects.requireNonNull(answer, "answer");
        Objects.requireNonNull(warmUps, "warmUps");
        contextIds = List.copyOf(contextIds);
        spans = List.copyOf(spans);
    }

    /** An outcome of a system that keeps no trace of the runtime. */
    static QueryOutcome untraced(int query, long latencyNanos, String answer, List<String> contextIds,
                                 List<Span> spans) {
        return new QueryOutcome(query, latencyNanos, answer, contextIds, 0, 0, 0, QueryResult.WarmUps.NONE, spans);
    }

    /** This outcome with the latency measured from the query's arrival. */
    public QueryOutcome withLatency(long nanos) {
        return new QueryOutcome(query, nanos, answer, contextIds, criticalPathNanos, lowerBoundNanos, serviceNanos,
                warmUps, spans);
    }

    /**
     * How long the answer call ran after its last input was final: from the end of the last rerank to the
     * end of the last span of the {@code generate} module; -1 without both. For an unoptimized run this is
     * the whole answer call; prefill splitting shortens it by prefilling parts of the prompt earlier.
     */
    public long answerTailNanos() {
        long context = -1;
        long answered = -1;
        for (Span s : spans) {
            if (s.label().startsWith("rerank")) {
                context = Math.max(context, s.end());
            } else if (s.label().startsWith("generate.")) {
                answered = Math.max(answered, s.end());
            }
        }
        return context < 0 || answered < 0 ? -1 : answered - context;
    }
}
