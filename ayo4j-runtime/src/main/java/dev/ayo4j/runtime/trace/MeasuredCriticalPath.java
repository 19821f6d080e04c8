// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.runtime.trace;

import java.util.List;
import java.util.function.IntFunction;

/**
 * The critical path of a finished query as measured: the longest chain, over the graph's edges, of the
 * service times its trace events record. Over a STREAM edge the consumer may start when its producer
 * starts (decode reads a generation from its first token), so the chain continues from the producer's
 * start, not its end: the two services overlap.
 */
public final class MeasuredCriticalPath {
    private MeasuredCriticalPath() {}

    /** An edge into a node from node {@code from}; {@code stream} for a STREAM edge. */
    public record Edge(int from, boolean stream) {}

    /**
     * Nanoseconds of the longest chain, for nodes numbered as {@code trace}'s events, visited in
     * {@code topologicalOrder}, with {@code in.apply(i)} the edges into node {@code i}.
     */
    public static long nanos(int[] topologicalOrder, IntFunction<List<Edge>> in, TraceEvent[] trace) {
        long[] upTo = new long[trace.length];
        long longest = 0;
        for (int i : topologicalOrder) {
            long before = 0;
            for (Edge e : in.apply(i)) {
                long from = upTo[e.from()] - (e.stream() ? trace[e.from()].serviceNanos() : 0);
                before = Math.max(before, from);
            }
            upTo[i] = before + trace[i].serviceNanos();
            longest = Math.max(longest, upTo[i]);
        }
        return longest;
    }
}
