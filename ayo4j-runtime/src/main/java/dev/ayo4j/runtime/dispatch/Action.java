// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.runtime.dispatch;

import java.util.List;

/**
 * What a {@link DispatchCore} asks its shell to do after an event: run a batch on a member, probe a member
 * that is down, or wait. Every {@link DispatchCore#tick()} ends with exactly one {@link WaitUntil}.
 *
 * @param <T> the shell's queued item
 */
public sealed interface Action<T> {
    /**
     * Run {@code items} as one batch on {@code member}; report the end with {@link DispatchCore#complete} or
     * {@link DispatchCore#fail} under {@code batchId}.
     *
     * @param level   the level {@code member} serves (see {@link Levels}): its runtime, whose items come from
     *                that level or a shorter one; 0 with a single level
     * @param atNanos when the core decided it, on its ticker
     */
    record Run<T>(long batchId, int member, int level, List<T> items, long atNanos) implements Action<T> {
        public Run {
            items = List.copyOf(items);
        }
    }

    /** Ask {@code member}, which is down, whether it answers again; report with {@link DispatchCore#probed}. */
    record Probe<T>(int member) implements Action<T> {}

    /**
     * Nothing more to do now: tick again at {@code deadlineNanos} (a policy asked for it or a member is due for a
     * probe) or at the next event, whichever comes first; {@link Long#MAX_VALUE} waits for an event only.
     */
    record WaitUntil<T>(long deadlineNanos) implements Action<T> {}
}
