// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.graph;

import dev.ayo4j.Checks;
import java.util.Objects;

/**
 * A contiguous range {@code [from, to)} of a list value, taken by an edge for a micro-batch.
 *
 * @param from  first position taken
 * @param to    position after the last one taken
 * @param order the order the positions count in: the list's own, or the list sorted by text length
 */
public record Slice(int from, int to, Order order) {
    /** How a slice counts positions in its list. */
    public enum Order {
        /** Positions of the list as produced. */
        LIST,
        /**
         * Positions of the list stably sorted by text length, shortest first; only for lists of texts or
         * passages. Slices of one list in this order still partition it, and each holds items of similar
         * length: an encoder pads every text of a forward pass to the longest, so such micro-batches pad
         * far less than runs of consecutive, mixed-length items.
         */
        LENGTH
    }

    public Slice {
        Checks.argument(from >= 0 && to > from, "invalid slice [%s, %s)", from, to);
        Objects.requireNonNull(order, "order");
    }

    /** Positions {@code [from, to)} of the list as produced. */
    public Slice(int from, int to) {
        this(from, to, Order.LIST);
    }

    /** Positions {@code [from, to)} of the list sorted by text length. */
    public static Slice byLength(int from, int to) {
        return new Slice(from, to, Order.LENGTH);
    }

    public int size() {
        return to - from;
    }

    @Override
    public String toString() {
        return "[" + from + ":" + to + (order == Order.LENGTH ? " by length" : "") + "]";
    }
}
