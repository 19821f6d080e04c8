// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.runtime.policies;

import dev.ayo4j.Checks;
import dev.ayo4j.spi.BatchDecision;
import dev.ayo4j.spi.BatchPolicy;
import dev.ayo4j.spi.QueueView;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Batch policy of Infinity: take a window of up to {@code window} queued tasks, sort it by length and cut it
 * into fixed-count batches of {@code maxBatch}, so each batch pads only to its own longest text. Of those
 * batches it sends the one holding the head of the queue, so nothing starves.
 */
record SortedWindowPolicy(int maxBatch, int window, long maxWaitNanos) implements QueuedBatchPolicy {
    SortedWindowPolicy {
        Queued.checkBatchAndWait(maxBatch, maxWaitNanos);
        Checks.argument(window >= maxBatch, "window must be >= maxBatch: %s < %s", window, maxBatch);
    }

    @Override
    public BatchDecision decideQueued(QueueView queue, int size, long nowNanos) {
        int w = Math.min(size, window);
        List<Integer> sorted = new ArrayList<>(w);
        for (int i = 0; i < w; i++) {
            sorted.add(i);
        }
        sorted.sort(Comparator.<Integer>comparingInt(i -> Queued.length(queue.entry(i))).thenComparingInt(i -> i));
        int chunk = sorted.indexOf(0) / maxBatch;
        List<Integer> batch = sorted.subList(chunk * maxBatch, Math.min(w, (chunk + 1) * maxBatch));
        BatchDecision go = new BatchDecision.DispatchSelected(batch);
        return size >= maxBatch ? go : Queued.goOrWait(queue, size, nowNanos, maxWaitNanos, go);
    }
}
