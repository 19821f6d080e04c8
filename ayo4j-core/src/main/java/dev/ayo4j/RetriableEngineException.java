// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j;

/** Engine failure that may succeed when retried: overload, rate limit, timeout, a 5xx answer. */
public class RetriableEngineException extends EngineException {
    public RetriableEngineException(String message) {
        super(message);
    }

    public RetriableEngineException(String message, Throwable cause) {
        super(message, cause);
    }
}
