// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.runtime.policies;

import dev.ayo4j.spi.BatchPolicy;
import java.time.Duration;

/** Factories of the built-in batch policies. */
public final class BatchPolicies {
    private BatchPolicies() {}

    /** Dispatches whatever is queued at once, up to {@code maxBatch} tasks. */
    public static BatchPolicy maxBatch(int maxBatch) {
        return new MaxBatchPolicy(maxBatch);
    }

    /** Dispatches when {@code maxBatch} tasks are queued or the oldest has waited {@code maxWait}. */
    public static BatchPolicy deadline(int maxBatch, Duration maxWait) {
        return new DeadlineBatchPolicy(maxBatch, maxWait.toNanos());
    }

    /**
     * Like {@link #deadline}, but a batch also closes when the next task would take the sum of its input
     * tokens over {@code maxTokens} (a single larger task still goes alone).
     */
    public static BatchPolicy summedTokenBudget(int maxTokens, int maxBatch, Duration maxWait) {
        return new SummedTokenBudgetPolicy(maxTokens, maxBatch, maxWait.toNanos());
    }

    /**
     * Hugging Face TEI's policy for padded models: arrival order while the padded tokens, rows × longest
     * text, stay within {@code tokenBudget} and the tasks within {@code maxBatch} (the head always goes);
     * dispatches at once on an idle engine, else waits up to {@code maxWait} for a batch that is not full.
     * The registry's {@code fifo-token-budget}.
     */
    public static BatchPolicy paddedTokenBudget(int tokenBudget, int maxBatch, Duration maxWait) {
        return new PaddedTokenBudgetPolicy(tokenBudget, maxBatch, maxWait.toNanos());
    }

    /**
     * Infinity's policy: a window of up to {@code window} queued tasks sorted by text length and cut into
     * batches of {@code maxBatch}; sends the batch holding the head of the queue. The registry's
     * {@code sorted-window}.
     */
    public static BatchPolicy sortedWindow(int maxBatch, int window, Duration maxWait) {
        return new SortedWindowPolicy(maxBatch, window, maxWait.toNanos());
    }

    /** One task at a time, never two batches in flight: the sequential baseline. */
    public static BatchPolicy oneAtATime() {
        return OneAtATimePolicy.INSTANCE;
    }

    /**
     * Dispatches at once when the engine is idle, and otherwise behaves like {@link #deadline}: waiting
     * adds latency only when there is no free engine to use anyway. The runtime's default.
     */
    public static BatchPolicy workConserving(int maxBatch, Duration maxWait) {
        return new WorkConservingBatchPolicy(maxBatch, Long.MAX_VALUE, maxWait.toNanos());
    }

    /**
     * {@link #workConserving(int, Duration)} with a token budget: a batch takes tasks from the head of the
     * queue while their estimated input tokens stay within {@code maxTokens} (its first task always
     * goes, however large). The runtime's default, with the engine's declared limits.
     */
    public static BatchPolicy workConserving(int maxBatch, int maxTokens, Duration maxWait) {
        return new WorkConservingBatchPolicy(maxBatch, maxTokens, maxWait.toNanos());
    }

    /**
     * {@code inner}, except that warm-up prefills wait until the engine is otherwise idle: no batch in
     * flight and no generation decoding. For engines whose concurrent sequences share one device's
     * compute, such as llama.cpp on CPU threads, where a warm-up beside other work slows that work.
     */
    public static BatchPolicy warmUpsWhenIdle(BatchPolicy inner) {
        return new WarmUpsWhenIdlePolicy(inner);
    }
}
