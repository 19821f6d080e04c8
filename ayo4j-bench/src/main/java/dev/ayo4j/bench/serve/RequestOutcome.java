// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.bench.serve;

import dev.ayo4j.Checks;
import java.util.Objects;

/**
 * How one request of a replay went, as the load generator saw it over HTTP.
 *
 * @param index        the request's index in the replay
 * @param arrivalNanos when it was due, from the replay's start (its trace instant)
 * @param sentNanos    when it was sent, from the replay's start (at or just after its arrival)
 * @param latencyNanos from its arrival to the end of its response ({@code data: [DONE]} of a stream)
 * @param ttftNanos    from its arrival to the first chunk of the answer (a content delta after the role); -1 if
 *                     none came
 * @param status       how it ended
 * @param httpStatus   the response's status code; 0 if none came
 * @param detail       for a failure, what went wrong; empty otherwise
 */
public record RequestOutcome(int index, long arrivalNanos, long sentNanos, long latencyNanos, long ttftNanos,
                             Status status, int httpStatus, String detail) {
    /** How a request ended. */
    public enum Status {
        /** A complete answer. */
        OK,
        /** Refused with 429 Too Many Requests (the server's concurrency limit). */
        REJECTED,
        /** Any other failure: another status, an error event in the stream, a broken connection, a timeout. */
        FAILED
    }

    public RequestOutcome {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(detail, "detail");
        Checks.argument(latencyNanos >= 0, "latency must be >= 0: %s", latencyNanos);
    }

    /** When its response ended, from the replay's start. */
    public long completedNanos() {
        return arrivalNanos + latencyNanos;
    }

    /** Whether it got a complete answer within {@code sloNanos} of its arrival. */
    public boolean withinSlo(long sloNanos) {
        return status == Status.OK && latencyNanos <= sloNanos;
    }
}
