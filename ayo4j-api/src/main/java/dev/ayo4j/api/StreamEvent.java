// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.api;

import dev.ayo4j.runtime.trace.TraceEvent;
import java.util.Objects;

/**
 * What a streamed run reports as it happens, in order per primitive: {@link PrimitiveStarted},
 * {@link AnswerToken}s (the answer's text as it is decoded), {@link PrimitiveFinished}; exactly one
 * {@link Completed} or {@link Failed} ends the run. Built on the runtime's {@code RunEvent}s.
 */
public sealed interface StreamEvent {
    /** The run the event belongs to. */
    String runId();

    /** An engine began the batch holding a primitive. */
    record PrimitiveStarted(String runId, String nodeId, String primitive, String engine, long nanos)
            implements StreamEvent {
        public PrimitiveStarted {
            Objects.requireNonNull(runId, "runId");
            Objects.requireNonNull(nodeId, "nodeId");
        }
    }

    /** A primitive ended; {@code event} is the one the run's trace keeps. */
    record PrimitiveFinished(String runId, TraceEvent event) implements StreamEvent {
        public PrimitiveFinished {
            Objects.requireNonNull(runId, "runId");
            Objects.requireNonNull(event, "event");
        }
    }

    /** A piece of the answer's text, as the LLM decodes it. */
    record AnswerToken(String runId, String text) implements StreamEvent {
        public AnswerToken {
            Objects.requireNonNull(runId, "runId");
            Objects.requireNonNull(text, "text");
        }
    }

    /** The run completed with {@code result}. */
    record Completed(String runId, Result result) implements StreamEvent {
        public Completed {
            Objects.requireNonNull(runId, "runId");
            Objects.requireNonNull(result, "result");
        }
    }

    /** The run failed (an engine, the deadline, a cancellation); {@code cause} says why. */
    record Failed(String runId, Throwable cause) implements StreamEvent {
        public Failed {
            Objects.requireNonNull(runId, "runId");
            Objects.requireNonNull(cause, "cause");
        }
    }
}
