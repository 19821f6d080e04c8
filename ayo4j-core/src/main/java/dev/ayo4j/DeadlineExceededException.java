// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j;

/** Exception for a query that passed its deadline; its queued primitives were withdrawn. */
public class DeadlineExceededException extends Ayo4jException {
    public DeadlineExceededException(String message) {
        super(message);
    }
}
