// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.engine.llamacpp.gguf;

import dev.ayo4j.Ayo4jException;

/** Exception for a file that is not a readable GGUF file; the message names the file and what was found. */
public final class GgufFormatException extends Ayo4jException {
    public GgufFormatException(String message) {
        super(message);
    }

    public GgufFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
