// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.encoders.policies;

import dev.ayo4j.spi.BatchDecision;
import dev.ayo4j.spi.QueueView;

/** Helpers shared by the encoder policies: a queued task's per-text length, and the wait rule. */
final class Queued {
    private Queued() {}

    /**
     * Padded length of each text of a queued task: its tokens per item, rounded up. Exact for one-text
     * Embed tasks; for a multi-text task the longest text is unknown to the view, so this is its mean.
     */
    static int length(QueueView.Entry e) {
        int items = Math.max(1, e.items());
        return Math.max(1, (e.tokens() + items - 1) / items);
    }

    /** Rows (texts) a queued task adds to a batch. */
    static int rows(QueueView.Entry e) {
        return Math.max(1, e.items());
    }

    /**
     * For a batch that is not full: {@code go} at once if the engine is idle or the oldest queued task has
     * waited {@code maxWaitNanos}, else wait until it will have. Scans at most {@code scan} entries.
     */
    static BatchDecision goOrWait(QueueView queue, int scan, long now, long maxWaitNanos, BatchDecision go) {
        if (queue.inFlight() == 0 || maxWaitNanos == 0) {
            return go;
        }
        long oldest = Long.MAX_VALUE;
        for (int i = 0; i < Math.min(scan, queue.size()); i++) {
            oldest = Math.min(oldest, queue.entry(i).enqueueNanos());
        }
        long due = oldest > Long.MAX_VALUE - maxWaitNanos ? Long.MAX_VALUE : oldest + maxWaitNanos;
        return now >= due ? go : BatchDecision.waitUntil(due);
    }
}
