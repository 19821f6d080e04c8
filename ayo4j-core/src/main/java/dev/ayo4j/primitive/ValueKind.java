// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.primitive;

/**
 * Kind of value that flows along an edge between two primitives.
 *
 * <p>Kinds are checked when a graph is validated: a producer port may feed a consumer port when
 * {@link #canFeed(ValueKind)} holds. Two coercions are allowed besides equality, both lossless and
 * deterministic: a single {@link #TEXT} feeds a {@link #TEXT_LIST} port as a one-element list, and a
 * {@link #PASSAGE_LIST} feeds a {@link #TEXT} port (a prompt placeholder) as numbered context, or a
 * {@link #TEXT_LIST} port as the passages' texts.
 */
public enum ValueKind {
    /** One string. */
    TEXT,
    /** An ordered list of strings. */
    TEXT_LIST,
    /** An ordered list of scored passages ({@code dev.ayo4j.spi.Passage}). */
    PASSAGE_LIST,
    /** An ordered list of embedding vectors, one per input text. */
    VECTOR_LIST,
    /** A completion signal that carries a small status (an index is ready, a prefix is warm). */
    SIGNAL,
    /** A live LLM generation: a token stream that may still be growing. Bound only by STREAM edges. */
    GENERATION;

    /** Whether a producer of this kind may be bound to a consumer port of kind {@code target}. */
    public boolean canFeed(ValueKind target) {
        if (this == target) {
            return true;
        }
        return switch (this) {
            case TEXT -> target == TEXT_LIST;
            case PASSAGE_LIST -> target == TEXT || target == TEXT_LIST;
            case TEXT_LIST, VECTOR_LIST, SIGNAL, GENERATION -> false;
        };
    }

    /** Whether values of this kind are lists that an edge may slice. */
    public boolean isList() {
        return this == TEXT_LIST || this == PASSAGE_LIST || this == VECTOR_LIST;
    }
}
