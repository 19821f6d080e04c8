// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.runtime.policies;

import dev.ayo4j.Checks;
import dev.ayo4j.spi.BatchDecision;
import dev.ayo4j.spi.QueueView;

/** Batch policy that dispatches the head of the queue at once, up to {@code maxBatch} tasks. */
record MaxBatchPolicy(int maxBatch) implements QueuedBatchPolicy {
    MaxBatchPolicy {
        Checks.argument(maxBatch > 0, "maxBatch must be > 0: %s", maxBatch);
    }

    @Override
    public BatchDecision decideQueued(QueueView queue, int size, long nowNanos) {
        return BatchDecision.dispatch(Math.min(size, maxBatch));
    }
}
