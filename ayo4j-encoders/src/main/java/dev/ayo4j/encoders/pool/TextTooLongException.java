// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.encoders.pool;

import dev.ayo4j.NonRetriableEngineException;

/**
 * A text is longer than the model's window and the request asked not to truncate it (HTTP 413). With
 * truncation, the pool's default, the text's first {@code window - 1} tokens and the closing separator
 * are encoded instead.
 */
public final class TextTooLongException extends NonRetriableEngineException {
    public TextTooLongException(int index, int window, String model) {
        super(String.format("text %d is longer than the %d-token window of %s and truncation is off;"
                + " shorten it or send truncate=true", index, window, model));
    }
}
