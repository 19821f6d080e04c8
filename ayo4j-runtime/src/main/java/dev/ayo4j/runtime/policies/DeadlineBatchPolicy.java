// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.runtime.policies;

import dev.ayo4j.Checks;
import dev.ayo4j.spi.BatchDecision;
import dev.ayo4j.spi.BatchPolicy;
import dev.ayo4j.spi.QueueView;

/** Batch policy that dispatches a full batch, or a partial one once its oldest task waited {@code maxWaitNanos}. */
record DeadlineBatchPolicy(int maxBatch, long maxWaitNanos) implements BatchPolicy {
    DeadlineBatchPolicy {
        Checks.argument(maxBatch > 0, "maxBatch must be > 0: %s", maxBatch);
        Checks.argument(maxWaitNanos >= 0, "maxWait must be >= 0: %s ns", maxWaitNanos);
    }

    @Override
    public BatchDecision decide(QueueView queue, long nowNanos) {
        int size = queue.size();
        if (size == 0) {
            return BatchDecision.idle();
        }
        if (size >= maxBatch) {
            return BatchDecision.dispatch(maxBatch);
        }
        return dispatchOrWait(queue, size, nowNanos, maxWaitNanos);
    }

    /**
     * Dispatches {@code count} tasks if the oldest of the queue (fewer than a batch, so the scan is
     * short) has waited {@code maxWait}, else waits until it will have.
     */
    static BatchDecision dispatchOrWait(QueueView queue, int count, long nowNanos, long maxWait) {
        long oldest = Long.MAX_VALUE;
        for (int i = 0; i < queue.size(); i++) {
            oldest = Math.min(oldest, queue.entry(i).enqueueNanos());
        }
        long due = oldest > Long.MAX_VALUE - maxWait ? Long.MAX_VALUE : oldest + maxWait;
        return nowNanos >= due ? BatchDecision.dispatch(count) : BatchDecision.waitUntil(due);
    }
}
