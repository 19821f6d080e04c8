// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.engine.onnx;

import dev.ayo4j.Choices;

/** What an encoder does with a text longer than its window ({@link EncoderOptions#maxTokens()}). */
public enum Overflow {
    /**
     * Keep the first {@code maxTokens - 1} tokens and the closing {@code [SEP]}; the rest of the text
     * does not count. This is the default: it is what sentence-transformers does.
     */
    TRUNCATE,
    /** Fail the task, naming the text's length and the window. */
    REJECT;

    /** Parses {@code truncate} or {@code reject}, in any case; throws naming the value and the choices otherwise. */
    public static Overflow parse(String value) {
        return Choices.byName("overflow", value, Overflow.class);
    }
}
