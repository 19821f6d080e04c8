// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.runtime.policies;

import dev.ayo4j.Checks;
import dev.ayo4j.spi.BatchDecision;
import dev.ayo4j.spi.BatchPolicy;
import dev.ayo4j.spi.QueueView;

/**
 * Batch policy that never leaves an idle engine waiting: with nothing in flight it dispatches at once;
 * with a batch in flight (and a free slot) it waits for a full batch up to {@code maxWaitNanos}. A
 * batch holds at most {@code maxBatch} tasks and, beyond its first task, at most {@code maxTokens}
 * estimated input tokens, so that micro-batches a planner split apart are not fused back into one
 * long engine call.
 */
record WorkConservingBatchPolicy(int maxBatch, long maxTokens, long maxWaitNanos) implements QueuedBatchPolicy {
    WorkConservingBatchPolicy {
        Queued.checkBatchAndWait(maxBatch, maxWaitNanos);
        Checks.argument(maxTokens > 0, "maxTokens must be > 0: %s", maxTokens);
    }

    @Override
    public BatchDecision decideQueued(QueueView queue, int size, long nowNanos) {
        QueuePrefix head = QueuePrefix.fitting(queue, maxBatch, maxTokens);
        if (head.count() < size || head.count() == maxBatch || queue.inFlight() == 0) {
            return BatchDecision.dispatch(head.count());
        }
        return Queued.goOrWaitForOldest(queue, queue.size(), nowNanos, maxWaitNanos,
                BatchDecision.dispatch(head.count()));
    }
}
