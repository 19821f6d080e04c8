package dev.ayo4j.spi;

import dev.ayo4j.Checks;

/** What a {@link BatchPolicy} decides: dispatch the head of the queue now, or wait. */
public sealed interface BatchDecision {
    /** Dispatch the first {@code count} queued tasks as one batch. */
    record Dispatch(int count) implements BatchDecision {
        public Dispatch {
            Checks.argument(count > 0, "dispatch count must be > 0: %s", count);
        }
    }

    /** Dispatch nothing; decide again at {@code deadlineNanos} or when the queue changes. */
    record WaitUntil(long deadlineNanos) implements BatchDecision {}

    static BatchDecision dispatch(int count) {
        return new Dispatch(count);
    }

    static BatchDecision waitUntil(long deadlineNanos) {
        return new WaitUntil(deadlineNanos);
    }

    /** Wait for the queue to change (an arrival or a completion). */
    static BatchDecision idle() {
        return new WaitUntil(Long.MAX_VALUE);
    }
}
