// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.models;

import dev.ayo4j.Ayo4jException;

/**
 * Exception for a model file that ayo4j cannot run: missing, not GGUF, or of an architecture the bundled
 * llama.cpp does not know; the message names the file and what was found.
 */
public final class InvalidModelException extends Ayo4jException {
    public InvalidModelException(String message) {
        super(message);
    }

    public InvalidModelException(String message, Throwable cause) {
        super(message, cause);
    }
}
