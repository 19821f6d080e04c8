// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.engine.onnx;

import dev.ayo4j.Choices;

/** How an encoder's per-token hidden states become one sentence vector; the result is L2-normalised. */
public enum Pooling {
    /** Average of the hidden states of all attended tokens, {@code [CLS]} and {@code [SEP]} included. */
    MEAN,
    /** The hidden state of the first token ({@code [CLS]}). */
    CLS;

    /** Parses {@code mean} or {@code cls}, in any case; throws naming the value and the choices otherwise. */
    public static Pooling parse(String value) {
        return Choices.byName("pooling", value, Pooling.class);
    }
}
