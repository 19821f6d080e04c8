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
        return Queued.goOrWaitForOldest(queue, size, nowNanos, maxWaitNanos, BatchDecision.dispatch(size));
    }
}
