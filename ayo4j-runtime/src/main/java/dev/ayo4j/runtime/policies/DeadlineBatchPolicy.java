// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.runtime.policies;

import dev.ayo4j.Checks;
import dev.ayo4j.spi.BatchDecision;
import dev.ayo4j.spi.BatchPolicy;
import dev.ayo4j.spi.QueueView;

/** Batch policy that dispatches a full batch, or a partial one once its oldest task waited {@code maxWaitNanos}. */
record DeadlineBatchPolicy(int maxBatch, long maxWaitNanos) implements QueuedBatchPolicy {
    DeadlineBatchPolicy {
        Queued.checkBatchAndWait(maxBatch, maxWaitNanos);
    }

    @Override
    public BatchDecision decideQueued(QueueView queue, int size, long nowNanos) {
        if (size >= maxBatch) {
            return BatchDecision.dispatch(maxBatch);
        }
        return Queued.goOrWaitForOldest(queue, size, nowNanos, maxWaitNanos, BatchDecision.dispatch(size));
    }
}
