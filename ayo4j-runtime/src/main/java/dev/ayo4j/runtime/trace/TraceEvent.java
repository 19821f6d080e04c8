// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.runtime.trace;

import java.util.Objects;

/**
 * Record of one primitive of one query: where it ran, when it was queued, started and ended (nanoseconds
 * on the runtime's ticker), in which batch, and how it ended.
 *
 * <p>For a primitive that runs in place ({@code engine} is {@link #LOCAL}), the batch id is
 * {@code -1} and the batch size 1. A decode starts when it subscribes to its generation and ends when
 * the stream ends. A skipped ({@link Outcome#ABSENT}) primitive has equal times.
 *
 * @param queryId    the query
 * @param nodeId     the node of the query's graph
 * @param primitive  the primitive kind, e.g. {@code Embed}
 * @param engine     the engine name, or {@link #LOCAL}
 * @param enqueueNanos when the primitive became ready (and was queued, for engine primitives)
 * @param startNanos when the engine call (or the local work) began
 * @param endNanos   when it ended
 * @param batchId    the engine batch it ran in, {@code -1} for local work
 * @param batchSize  tasks in that batch
 * @param tokensIn   input tokens reported by the engine (0 if unknown)
 * @param tokensOut  output tokens reported by the engine (0 if unknown)
 * @param outcome    how it ended
 */
public record TraceEvent(String queryId, String nodeId, String primitive, String engine, long enqueueNanos,
                         long startNanos, long endNanos, long batchId, int batchSize, int tokensIn, int tokensOut,
                         Outcome outcome) {
    /** Engine name of primitives that run in place, without an engine. */
    public static final String LOCAL = "local";

    /** How a primitive ended. */
    public enum Outcome {
        /** It produced its output. */
        OK,
        /** It was skipped because an input was absent (a list item the LLM did not emit). */
        ABSENT,
        /** It failed, failing its query. */
        FAILED,
        /**
         * A warm-up ({@code PartialPrefill}) failed or was refused; the query goes on and the prompt it
         * would have warmed is prefilled without it: slower, never wrong.
         */
        FELL_BACK,
        /**
         * A warm-up ({@code PartialPrefill}) was not sent: by the time it could start, every input of the
         * prompt it would warm was already final, so it could only have delayed the full prefill.
         */
        SKIPPED
    }

    public TraceEvent {
        Objects.requireNonNull(queryId, "queryId");
        Objects.requireNonNull(nodeId, "nodeId");
        Objects.requireNonNull(primitive, "primitive");
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(outcome, "outcome");
    }

    /** Time from start to end: the measured service time. */
    public long serviceNanos() {
        return endNanos - startNanos;
    }

    /** Time from becoming ready to starting: the queueing delay. */
    public long waitNanos() {
        return startNanos - enqueueNanos;
    }
}
