// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j;

/** Root of every exception ayo4j throws; all are unchecked. */
public class Ayo4jException extends RuntimeException {
    public Ayo4jException(String message) {
        super(message);
    }

    public Ayo4jException(String message, Throwable cause) {
        super(message, cause);
    }
}
