// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.bench.sim;

import dev.ayo4j.Checks;
import dev.ayo4j.runtime.dispatch.VirtualTime;
import dev.ayo4j.runtime.dispatch.Work;
import java.util.ArrayList;
import java.util.List;

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

    /** {@code trace} as the dispatch core's arrivals: each request at its time, served in arrival order. */
    static List<VirtualTime.Arrival<Request>> arrivals(List<Request> trace) {
        List<VirtualTime.Arrival<Request>> arrivals = new ArrayList<>(trace.size());
        for (int i = 0; i < trace.size(); i++) {
            Request r = trace.get(i);
            arrivals.add(new VirtualTime.Arrival<>(r.arrivalNanos(), Work.inArrivalOrder(r, i, r.tokens())));
        }
        return arrivals;
    }
}
