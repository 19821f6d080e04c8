package dev.ayo4j.runtime.policies;

import dev.ayo4j.Checks;
import dev.ayo4j.spi.BatchDecision;
import dev.ayo4j.spi.BatchPolicy;
import dev.ayo4j.spi.QueueView;

/**
 * Batch policy that never leaves an idle engine waiting: with nothing in flight it dispatches at once;
 * with a batch in flight (and a free slot) it waits for a full batch up to {@code maxWaitNanos}.
 */
record WorkConservingBatchPolicy(int maxBatch, long maxWaitNanos) implements BatchPolicy {
    WorkConservingBatchPolicy {
        Checks.argument(maxBatch > 0, "maxBatch must be > 0: %s", maxBatch);
        Checks.argument(maxWaitNanos >= 0, "maxWait must be >= 0: %s ns", maxWaitNanos);
    }

    @Override
    public BatchDecision decide(QueueView queue, long nowNanos) {
        int size = queue.size();
        if (size == 0) {
            return BatchDecision.idle();
        }
        if (size >= maxBatch || queue.inFlight() == 0) {
            return BatchDecision.dispatch(Math.min(size, maxBatch));
        }
        return DeadlineBatchPolicy.dispatchOrWait(queue, size, nowNanos, maxWaitNanos);
    }
}
