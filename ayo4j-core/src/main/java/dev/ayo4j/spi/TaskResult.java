// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.spi;

import java.util.Objects;

/** Outcome of one task of a batch: one failed task never fails its batch-mates. */
public sealed interface TaskResult {
    /**
     * The task's output value (see {@link Task} for the type per kind), with token counts for the trace.
     */
    record Success(Object value, int tokensIn, int tokensOut) implements TaskResult {
        public Success {
            Objects.requireNonNull(value, "value");
        }
    }

    /** The task failed; {@code cause} says why. */
    record Failure(Throwable cause) implements TaskResult {
        public Failure {
            Objects.requireNonNull(cause, "cause");
        }
    }

    static TaskResult success(Object value) {
        return new Success(value, 0, 0);
    }

    static TaskResult success(Object value, int tokensIn, int tokensOut) {
        return new Success(value, tokensIn, tokensOut);
    }

    static TaskResult failure(Throwable cause) {
        return new Failure(cause);
    }
}
