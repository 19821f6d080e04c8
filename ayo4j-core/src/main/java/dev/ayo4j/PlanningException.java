// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j;

/** Exception for a plan that cannot be made: no engine serves a primitive, or a rule broke an invariant. */
public class PlanningException extends Ayo4jException {
    public PlanningException(String message) {
        super(message);
    }

    public PlanningException(String message, Throwable cause) {
        super(message, cause);
    }
}
