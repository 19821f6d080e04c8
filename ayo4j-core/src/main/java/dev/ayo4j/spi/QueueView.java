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
     * A queued task as a policy sees it.
     *
     * @param enqueueNanos when it was queued, on the scheduler's ticker
     * @param tokens       estimated input tokens of the task
     * @param items        items in the task (texts to embed, passages to rerank); 1 for most
     */
    record Entry(long enqueueNanos, int tokens, int items) {}
}
