// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.runtime.policies;

import dev.ayo4j.spi.BatchDecision;
import dev.ayo4j.spi.BatchPolicy;
import dev.ayo4j.spi.QueueView;

/**
 * A batch policy that is idle on an empty queue and otherwise decides over the tasks queued: the rule every
 * batching policy here and in other modules' policies starts with, stated once.
 */
public interface QueuedBatchPolicy extends BatchPolicy {
    @Override
    default BatchDecision decide(QueueView queue, long nowNanos) {
        int size = queue.size();
        return size == 0 ? BatchDecision.idle() : decideQueued(queue, size, nowNanos);
    }

    /** The decision over {@code queue}, which holds {@code size} tasks, at least one. */
    BatchDecision decideQueued(QueueView queue, int size, long nowNanos);
}
