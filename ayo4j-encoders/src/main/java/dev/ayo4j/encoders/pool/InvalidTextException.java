// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.encoders.pool;

import dev.ayo4j.NonRetriableEngineException;

/**
 * A request the pool cannot encode as given (HTTP 422): no texts at all, or a text that is not valid
 * text (a lone UTF-16 surrogate, a control character other than tab, line feed and carriage return).
 * The message names the text's index and the offending character.
 */
public final class InvalidTextException extends NonRetriableEngineException {
    public InvalidTextException(String message) {
        super(message);
    }
}
