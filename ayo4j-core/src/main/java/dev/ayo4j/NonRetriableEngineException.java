// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j;

/** Engine failure that will fail again when retried: bad input, a missing model, a broken engine. */
public class NonRetriableEngineException extends EngineException {
    public NonRetriableEngineException(String message) {
        super(message);
    }

    public NonRetriableEngineException(String message, Throwable cause) {
        super(message, cause);
    }
}
