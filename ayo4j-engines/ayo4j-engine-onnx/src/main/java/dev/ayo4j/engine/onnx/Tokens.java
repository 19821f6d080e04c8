// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.engine.onnx;

import java.util.Objects;

/**
 * Token ids of one encoder input (a text, or a query-passage pair) with its segment ids.
 *
 * @param ids        token ids, {@code [CLS] ... [SEP]}, already cut to the window
 * @param typeIds    segment ids: 0 for the first text, 1 for the second of a pair
 * @param overflowed whether the input was longer than the window and was cut
 */
record Tokens(long[] ids, long[] typeIds, boolean overflowed) {
    Tokens {
        Objects.requireNonNull(ids, "ids");
        Objects.requireNonNull(typeIds, "typeIds");
        if (ids.length != typeIds.length) {
            throw new IllegalArgumentException("ids and typeIds differ in length: " + ids.length + " vs " + typeIds.length);
        }
    }

    int length() {
        return ids.length;
    }
}
