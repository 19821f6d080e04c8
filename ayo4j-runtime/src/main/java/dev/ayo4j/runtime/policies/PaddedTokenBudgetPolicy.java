// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.runtime.policies;

import dev.ayo4j.Checks;
import dev.ayo4j.spi.BatchDecision;
import dev.ayo4j.spi.BatchPolicy;
import dev.ayo4j.spi.QueueView;

/**
 * Batch policy of Hugging Face TEI for padded models: pop the queue in arrival order while the padded
 * tokens, rows × longest text, stay within {@code tokenBudget} (TEI's {@code --max-batch-tokens}) and the
 * tasks within {@code maxBatch}; the head always goes, even alone over the budget. No sorting by length.
 */
record PaddedTokenBudgetPolicy(int tokenBudget, int maxBatch, long maxWaitNanos) implements QueuedBatchPolicy {
    PaddedTokenBudgetPolicy {
        Checks.argument(tokenBudget > 0, "tokenBudget must be > 0: %s", tokenBudget);
        Queued.checkBatchAndWait(maxBatch, maxWaitNanos);
    }

    @Override
    public BatchDecision decideQueued(QueueView queue, int size, long nowNanos) {
        QueueView.Entry head = queue.entry(0);
        long rows = Queued.rows(head);
        int longest = Queued.length(head);
        int count = 1;
        while (count < size) {
            if (count == maxBatch) {
                return BatchDecision.dispatch(count);
            }
            QueueView.Entry next = queue.entry(count);
            int newLongest = Math.max(longest, Queued.length(next));
            long newRows = rows + Queued.rows(next);
            if (newRows * newLongest > tokenBudget) {
                return BatchDecision.dispatch(count);
            }
            rows = newRows;
            longest = newLongest;
            count++;
        }
        return Queued.goOrWait(queue, size, nowNanos, maxWaitNanos, BatchDecision.dispatch(count));
    }
}
