package dev.ayo4j.primitive;

/** How an {@link Primitive.Aggregate} merges its inputs. */
public enum AggregateMode {
    /** Waits for every input signal; the result reports how many were ok. */
    ALL,
    /** Concatenates lists in input-port order. */
    CONCAT,
    /** Merges passage lists by id (best score wins) and keeps the best {@code topK} by score, then id. */
    TOP_K
}
