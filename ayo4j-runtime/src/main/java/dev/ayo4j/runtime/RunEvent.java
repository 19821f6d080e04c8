// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.runtime;

import dev.ayo4j.runtime.trace.TraceEvent;
import java.util.Objects;

/**
 * What happens during one query, as it happens: the stream a {@link RunListener} receives. Metrics,
 * spans, trace files, server-sent events and the console all read this one stream; the runtime emits
 * nothing when no listener is given.
 *
 * <p>Times are nanoseconds on the runtime's ticker. Events of one primitive arrive in the order
 * {@link Ready}, {@link Started}, {@link Token}*, {@link Finished}; events of different primitives
 * interleave as the primitives run. Exactly one {@link Succeeded} or {@link Failed} ends a query.
 */
public sealed interface RunEvent {
    /** The query this event belongs to. */
    String queryId();

    /** A primitive's inputs are ready: an engine primitive is queued on its engine from now. */
    record Ready(String queryId, String nodeId, String primitive, String engine, long nanos) implements RunEvent {
        public Ready {
            Objects.requireNonNull(queryId, "queryId");
            Objects.requireNonNull(nodeId, "nodeId");
        }
    }

    /** An engine began the batch holding this primitive (not sent for primitives that run in place). */
    record Started(String queryId, String nodeId, String primitive, String engine, long batchId, int batchSize,
                   long nanos) implements RunEvent {
        public Started {
            Objects.requireNonNull(queryId, "queryId");
            Objects.requireNonNull(nodeId, "nodeId");
        }
    }

    /** A chunk of text decoded by a {@code Decode} primitive (the answer, or a streamed list's text). */
    record Token(String queryId, String nodeId, String text) implements RunEvent {
        public Token {
            Objects.requireNonNull(queryId, "queryId");
            Objects.requireNonNull(text, "text");
        }
    }

    /** A primitive ended, successfully or not; the event is the one the query's trace keeps. */
    record Finished(TraceEvent event) implements RunEvent {
        public Finished {
            Objects.requireNonNull(event, "event");
        }

        @Override
        public String queryId() {
            return event.queryId();
        }
    }

    /** The query completed with this result. */
    record Succeeded(QueryResult result) implements RunEvent {
        public Succeeded {
            Objects.requireNonNull(result, "result");
        }

        @Override
        public String queryId() {
            return result.queryId();
        }
    }

    /** The query failed (an engine, the deadline, a cancellation); {@code cause} says why. */
    record Failed(String queryId, Throwable cause) implements RunEvent {
        public Failed {
            Objects.requireNonNull(queryId, "queryId");
            Objects.requireNonNull(cause, "cause");
        }
    }
}
