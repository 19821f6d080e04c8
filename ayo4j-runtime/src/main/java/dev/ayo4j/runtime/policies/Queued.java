// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.runtime.policies;

import dev.ayo4j.Checks;
import dev.ayo4j.spi.BatchDecision;
import dev.ayo4j.spi.QueueView;

/**
 * Helpers the batch policies share, here and in other modules' policies: the check of their two common
 * limits, a queued task's per-text length and rows, and the two wait rules (wait for the oldest task's
 * deadline; or dispatch at once on an idle engine, else wait for that deadline).
 */
public final class Queued {
    private Queued() {}

    /** Checks the two limits every batching policy takes: at least one task a batch, a wait of zero or more. */
    public static void checkBatchAndWait(int maxBatch, long maxWaitNanos) {
        Checks.argument(maxBatch > 0, "maxBatch must be > 0: %s", maxBatch);
        Checks.argument(maxWaitNanos >= 0, "maxWait must be >= 0: %s ns", maxWaitNanos);
    }

    /**
     * Padded length of each text of a queued task: its tokens per item, rounded up. Exact for one-text
     * Embed tasks; for a multi-text task the longest text is unknown to the view, so this is its mean.
     */
    public static int length(QueueView.Entry e) {
        int items = Math.max(1, e.items());
        return Math.max(1, (e.tokens() + items - 1) / items);
    }

    /** Rows (texts) a queued task adds to a batch. */
    public static int rows(QueueView.Entry e) {
        return Math.max(1, e.items());
    }

    /**
     * For a batch that is not full: {@code go} at once if the engine is idle or {@code maxWaitNanos} is 0,
     * else {@link #goOrWaitForOldest} over the first {@code scan} entries.
     */
    public static BatchDecision goOrWait(QueueView queue, int scan, long now, long maxWaitNanos, BatchDecision go) {
        if (queue.inFlight() == 0 || maxWaitNanos == 0) {
            return go;
        }
        return goOrWaitForOldest(queue, scan, now, maxWaitNanos, go);
    }

    /**
     * {@code go} if the oldest of the first {@code scan} queued tasks has waited {@code maxWaitNanos}, else
     * wait until it will have.
     */
    public static BatchDecision goOrWaitForOldest(QueueView queue, int scan, long now, long maxWaitNanos,
                                                  BatchDecision go) {
        long oldest = Long.MAX_VALUE;
        for (int i = 0; i < Math.min(scan, queue.size()); i++) {
            oldest = Math.min(oldest, queue.entry(i).enqueueNanos());
        }
        long due = oldest > Long.MAX_VALUE - maxWaitNanos ? Long.MAX_VALUE : oldest + maxWaitNanos;
        return now >= due ? go : BatchDecision.waitUntil(due);
    }
}
