// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.spi;

/**
 * Read-only view of an engine scheduler's queue for a {@link BatchPolicy}: entries in dispatch order
 * (highest priority first), plus what is already in flight.
 */
public interface QueueView {
    /** Number of queued tasks. */
    int size();

    /** The {@code i}-th task in dispatch order, {@code 0 <= i < size()}. */
    Entry entry(int i);

    /** Batches currently executing on the engine. */
    int inFlight();

    /**
     * Generations started by finished batches that are still producing tokens on the engine (an LLM's
     * decodes after their prefill returned). They are not in flight, but they share the engine's compute
     * with any batch dispatched now. 0 for engines that do not generate.
     */
    default int streaming() {
        return 0;
    }

    /**
     * A queued task as a policy sees it.
     *
     * @param enqueueNanos when it was queued, on the scheduler's ticker
     * @param tokens       estimated input tokens of the task
     * @param items        items in the task (texts to embed, passages to rerank); 1 for most
     * @param warmUp       whether the task only warms a prompt cache (a partial prefill): work done early so
     *                     that a later call is shorter, which no output waits for directly
     */
    record Entry(long enqueueNanos, int tokens, int items, boolean warmUp) {
        /** An entry of a task that is not a warm-up. */
        public Entry(long enqueueNanos, int tokens, int items) {
            this(enqueueNanos, tokens, items, false);
        }
    }
}
