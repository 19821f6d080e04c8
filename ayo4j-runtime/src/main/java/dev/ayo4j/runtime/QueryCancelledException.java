// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.runtime;

import dev.ayo4j.Ayo4jException;

/** Exception for a query that its caller cancelled; its queued primitives were withdrawn. */
public final class QueryCancelledException extends Ayo4jException {
    public QueryCancelledException(String message) {
        super(message);
    }
}
