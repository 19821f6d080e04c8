// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.spi;

import dev.ayo4j.Checks;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What a {@link BatchPolicy} decides: dispatch the head of the queue now, dispatch chosen queued tasks
 * now, or wait.
 */
public sealed interface BatchDecision {
    /** Dispatch the first {@code count} queued tasks as one batch. */
    record Dispatch(int count) implements BatchDecision {
        public Dispatch {
            Checks.argument(count > 0, "dispatch count must be > 0: %s", count);
        }
    }

    /**
     * Dispatch the queued tasks at {@code indices} (positions in the {@link QueueView} the policy was
     * given, in dispatch order) as one batch, in the order listed. Length-aware policies use it to batch
     * tasks of similar length that are not adjacent in the queue.
     */
    record DispatchSelected(List<Integer> indices) implements BatchDecision {
        public DispatchSelected {
            indices = List.copyOf(indices);
            Checks.argument(!indices.isEmpty(), "a selection must name at least one queued task");
            Set<Integer> seen = new HashSet<>(indices.size() * 2);
            for (int i : indices) {
                Checks.argument(i >= 0, "selected queue index must be >= 0: %s", i);
                Checks.argument(seen.add(i), "queue index %s selected twice in %s", i, indices);
            }
        }

        /** Number of tasks selected. */
        public int count() {
            return indices.size();
        }
    }

    /** Dispatch nothing; decide again at {@code deadlineNanos} or when the queue changes. */
    record WaitUntil(long deadlineNanos) implements BatchDecision {}

    static BatchDecision dispatch(int count) {
        return new Dispatch(count);
    }

    /** Dispatch the queued tasks at {@code indices} as one batch; see {@link DispatchSelected}. */
    static BatchDecision dispatchSelected(int... indices) {
        Integer[] boxed = new Integer[indices.length];
        for (int i = 0; i < indices.length; i++) {
            boxed[i] = indices[i];
        }
        return new DispatchSelected(List.of(boxed));
    }

    static BatchDecision waitUntil(long deadlineNanos) {
        return new WaitUntil(deadlineNanos);
    }

    /** Wait for the queue to change (an arrival or a completion). */
    static BatchDecision idle() {
        return new WaitUntil(Long.MAX_VALUE);
    }
}
