// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.runtime.policies;

import dev.ayo4j.Checks;
import dev.ayo4j.spi.BatchDecision;
import dev.ayo4j.spi.BatchPolicy;
import dev.ayo4j.spi.QueueView;

/** Batch policy that dispatches the head of the queue at once, up to {@code maxBatch} tasks. */
record MaxBatchPolicy(int maxBatch) implements BatchPolicy {
    MaxBatchPolicy {
        Checks.argument(maxBatch > 0, "maxBatch must be > 0: %s", maxBatch);
    }

    @Override
    public BatchDecision decide(QueueView queue, long nowNanos) {
        return queue.size() == 0 ? BatchDecision.idle() : BatchDecision.dispatch(Math.min(queue.size(), maxBatch));
    }
}
