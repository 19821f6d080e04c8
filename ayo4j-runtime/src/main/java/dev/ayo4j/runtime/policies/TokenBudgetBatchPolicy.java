// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.runtime.policies;

import dev.ayo4j.Checks;
import dev.ayo4j.spi.BatchDecision;
import dev.ayo4j.spi.BatchPolicy;
import dev.ayo4j.spi.QueueView;

/**
 * Batch policy for padding-sensitive encoders: a batch closes at {@code maxBatch} tasks or when the next
 * task would exceed {@code maxTokens}; a batch that is not closed waits up to {@code maxWaitNanos}.
 */
record TokenBudgetBatchPolicy(int maxTokens, int maxBatch, long maxWaitNanos) implements BatchPolicy {
    TokenBudgetBatchPolicy {
        Checks.argument(maxTokens > 0, "maxTokens must be > 0: %s", maxTokens);
        Checks.argument(maxBatch > 0, "maxBatch must be > 0: %s", maxBatch);
        Checks.argument(maxWaitNanos >= 0, "maxWait must be >= 0: %s ns", maxWaitNanos);
    }

    @Override
    public BatchDecision decide(QueueView queue, long nowNanos) {
        int size = queue.size();
        if (size == 0) {
            return BatchDecision.idle();
        }
        QueuePrefix head = QueuePrefix.fitting(queue, maxBatch, maxTokens);
        if (head.count() < size || head.count() == maxBatch || head.tokens() >= maxTokens) {
            return BatchDecision.dispatch(head.count());
        }
        return DeadlineBatchPolicy.dispatchOrWait(queue, head.count(), nowNanos, maxWaitNanos);
    }
}
