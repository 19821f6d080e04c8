// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.analytics;

import dev.ayo4j.Ayo4jException;

/** The files given to an analysis cannot be read as what they should be; the message names what and where. */
public final class InvalidInputException extends Ayo4jException {
    public InvalidInputException(String message) {
        super(message);
    }
}
