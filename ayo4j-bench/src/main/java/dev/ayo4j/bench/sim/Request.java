// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.bench.sim;

import dev.ayo4j.Checks;

/**
 * One single-text encoder request of a trace.
 *
 * @param arrivalNanos when it arrives, in virtual nanoseconds
 * @param tokens       its length in tokens
 */
public record Request(long arrivalNanos, int tokens) {
    public Request {
        Checks.argument(arrivalNanos >= 0, "arrival must be >= 0: %s", arrivalNanos);
        Checks.argument(tokens > 0, "tokens must be > 0: %s", tokens);
    }
}
