// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.primitive;

/** How an {@link Primitive.Aggregate} merges its inputs. */
public enum AggregateMode {
    /** Waits for every input signal; the result reports how many were ok. */
    ALL,
    /** Concatenates lists in input-port order. */
    CONCAT,
    /** Merges passage lists by id (best score wins) and keeps the best {@code topK} by score, then id. */
    TOP_K,
    /**
     * Joins passage lists in input-port order, at most {@code topK} passages: input {@code i} of
     * {@code arity} contributes its best passages not already taken, up to an even share of
     * {@code topK} (the first {@code topK % arity} inputs one more) plus whatever earlier inputs left
     * unused; an absent input leaves its whole share. What input {@code i} contributes depends only on
     * inputs {@code 0..i}, so the join of the first j inputs with the summed shares of those j inputs
     * as its {@code topK} is a prefix of the whole join: the context of {@code ContextOrder.ARRIVAL}.
     */
    ARRIVAL,
    /**
     * The passages of input 0, in order, whose ids none of the other inputs holds: what a branch adds to
     * the candidates of the branches before it. Absent when input 0 is absent.
     */
    UNSEEN
}
