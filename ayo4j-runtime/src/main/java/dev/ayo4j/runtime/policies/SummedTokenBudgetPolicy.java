// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.runtime.policies;

import dev.ayo4j.Checks;
import dev.ayo4j.spi.BatchDecision;
import dev.ayo4j.spi.BatchPolicy;
import dev.ayo4j.spi.QueueView;

/**
 * Batch policy that sums its tasks' input tokens: a batch closes at {@code maxBatch} tasks or when the next
 * task would take the sum over {@code maxTokens}; a batch that is not closed waits until its oldest task has
 * waited {@code maxWaitNanos}, whether or not the engine is idle. (Not {@link PaddedTokenBudgetPolicy}, which
 * counts rows × longest text and dispatches at once on an idle engine.)
 */
record SummedTokenBudgetPolicy(int maxTokens, int maxBatch, long maxWaitNanos) implements QueuedBatchPolicy {
    SummedTokenBudgetPolicy {
        Checks.argument(maxTokens > 0, "maxTokens must be > 0: %s", maxTokens);
        Queued.checkBatchAndWait(maxBatch, maxWaitNanos);
    }

    @Override
    public BatchDecision decideQueued(QueueView queue, int size, long nowNanos) {
        QueuePrefix head = QueuePrefix.fitting(queue, maxBatch, maxTokens);
        if (head.count() < size || head.count() == maxBatch || head.tokens() >= maxTokens) {
            return BatchDecision.dispatch(head.count());
        }
        return Queued.goOrWaitForOldest(queue, queue.size(), nowNanos, maxWaitNanos,
                BatchDecision.dispatch(head.count()));
    }
}
