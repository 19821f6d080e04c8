// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j;

/** Exception raised by an engine while it serves a primitive. */
public class EngineException extends Ayo4jException {
    public EngineException(String message) {
        super(message);
    }

    public EngineException(String message, Throwable cause) {
        super(message, cause);
    }
}
