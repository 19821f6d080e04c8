// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.runtime.policies;

import dev.ayo4j.spi.BatchDecision;
import dev.ayo4j.spi.BatchPolicy;
import dev.ayo4j.spi.QueueView;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Runs warm-up prefills only on an otherwise idle engine. While a batch is in flight or a generation is
 * still decoding, {@code inner} decides over the queue without its warm-ups; once the engine is idle, over
 * the whole queue.
 *
 * <p>A warm-up moves prefill work earlier so that a later call is shorter; it is worth it only if it
 * runs in time the engine would otherwise leave unused. On an engine whose concurrent sequences share
 * the same compute (llama.cpp on CPU threads), a warm-up that runs beside another query's decode, or the
 * same query's query expansion, slows that work, which is usually on the critical path, by as much as
 * the warm-up saves later.
 */
record WarmUpsWhenIdlePolicy(BatchPolicy inner) implements BatchPolicy {
    WarmUpsWhenIdlePolicy {
        Objects.requireNonNull(inner, "inner");
    }

    @Override
    public BatchDecision decide(QueueView queue, long nowNanos) {
        if (queue.inFlight() == 0 && queue.streaming() == 0) {
            return inner.decide(queue, nowNanos);
        }
        List<Integer> others = new ArrayList<>(queue.size());
        for (int i = 0; i < queue.size(); i++) {
            if (!queue.entry(i).warmUp()) {
                others.add(i);
            }
        }
        if (others.size() == queue.size()) {
            return inner.decide(queue, nowNanos);
        }
        if (others.isEmpty()) {
            // Re-decided when a batch completes or a generation ends.
            return BatchDecision.idle();
        }
        return switch (inner.decide(new Without(queue, others), nowNanos)) {
            case BatchDecision.Dispatch(int count) -> new BatchDecision.DispatchSelected(
                    List.copyOf(others.subList(0, Math.min(count, others.size()))));
            case BatchDecision.DispatchSelected(List<Integer> picked) -> new BatchDecision.DispatchSelected(
                    picked.stream().map(others::get).toList());
            case BatchDecision.WaitUntil w -> w;
        };
    }

    /** The queue with only the entries at {@code kept}, in order. */
    private record Without(QueueView queue, List<Integer> kept) implements QueueView {
        @Override
        public int size() {
            return kept.size();
        }

        @Override
        public Entry entry(int i) {
            return queue.entry(kept.get(i));
        }

        @Override
        public int inFlight() {
            return queue.inFlight();
        }

        @Override
        public int streaming() {
            return queue.streaming();
        }
    }
}
