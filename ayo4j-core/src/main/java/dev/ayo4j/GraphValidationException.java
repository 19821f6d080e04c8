// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j;

/** Exception for a graph or app that is invalid before anything runs: the message names node and port. */
public class GraphValidationException extends Ayo4jException {
    public GraphValidationException(String message) {
        super(message);
    }
}
