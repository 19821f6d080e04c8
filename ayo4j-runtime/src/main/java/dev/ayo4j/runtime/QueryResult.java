// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.runtime;

import dev.ayo4j.runtime.trace.TraceEvent;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Outcome of one successful query: its outputs by name, the trace of every primitive, and how far its
 * end-to-end time was from its measured critical path.
 *
 * @param queryId           the query
 * @param outputs           output values by output name, in graph order; an output whose input was
 *                          absent is missing
 * @param trace             one event per primitive that ran or was skipped, in graph order
 * @param endToEndNanos     from submission to the last primitive's end
 * @param criticalPathNanos the longest chain, over graph edges, of measured service times
 */
public record QueryResult(String queryId, Map<String, Object> outputs, List<TraceEvent> trace, long endToEndNanos,
                          long criticalPathNanos) {
    public QueryResult {
        Objects.requireNonNull(queryId, "queryId");
        outputs = Collections.unmodifiableMap(new LinkedHashMap<>(outputs));
        trace = List.copyOf(trace);
    }

    /** {@code endToEnd / criticalPath}: 1 is the limit; {@code NaN} when the critical path measured 0. */
    public double ratio() {
        return criticalPathNanos == 0 ? Double.NaN : (double) endToEndNanos / criticalPathNanos;
    }

    /** The output called {@code name} as {@code type}; throws naming the known outputs if there is none. */
    public <T> T output(String name, Class<T> type) {
        Object v = outputs.get(name);
        if (v == null) {
            throw new IllegalArgumentException("query " + queryId + " has no output '" + name + "'; outputs: "
                    + outputs.keySet());
        }
        return type.cast(v);
    }

    /**
     * Outcomes of this query's prompt warm-ups ({@code PartialPrefill} primitives): how many warmed their
     * prefix, how many fell back and how many were skipped. A benchmark sums them over queries for the
     * fallback rate.
     */
    public WarmUps warmUps() {
        int ok = 0;
        int fellBack = 0;
        int skipped = 0;
        for (TraceEvent e : trace) {
            if (e.primitive().equals("PartialPrefill")) {
                switch (e.outcome()) {
                    case OK -> ok++;
                    case FELL_BACK, FAILED -> fellBack++;
                    case SKIPPED -> skipped++;
                    case ABSENT -> { }
                }
            }
        }
        return new WarmUps(ok, fellBack, skipped);
    }

    /**
     * Counts of prompt warm-ups.
     *
     * @param ok       warm-ups that cached their prefix
     * @param fellBack warm-ups that failed or were refused, whose prompt was prefilled without them
     * @param skipped  warm-ups not sent, because their whole prompt was final before they could start
     */
    public record WarmUps(int ok, int fellBack, int skipped) {
        /** No warm-ups at all. */
        public static final WarmUps NONE = new WarmUps(0, 0, 0);

        /** All warm-ups that were sent. */
        public int total() {
            return ok + fellBack;
        }
    }

    /**
     * How long each engine was busy with this query: the union of the service intervals of the
     * primitives it ran (overlapping intervals count once). No schedule can finish the query before its
     * busiest engine is done with it, so this is a lower bound beside the critical path: one engine that
     * serves several parallel chains (an embedder with the index micro-batches and the query embeddings)
     * bounds the query even where no single chain does. Work that runs in place is left out.
     */
    public Map<String, Long> engineBusyNanos() {
        Map<String, List<long[]>> intervals = new java.util.TreeMap<>();
        for (TraceEvent e : trace) {
            if (!e.engine().equals(TraceEvent.LOCAL) && e.outcome() != TraceEvent.Outcome.ABSENT
                    && e.endNanos() > e.startNanos()) {
                intervals.computeIfAbsent(e.engine(), _ -> new java.util.ArrayList<>())
                        .add(new long[] {e.startNanos(), e.endNanos()});
            }
        }
        Map<String, Long> busy = new LinkedHashMap<>();
        intervals.forEach((engine, list) -> {
            list.sort(java.util.Comparator.comparingLong(x -> x[0]));
            long total = 0;
            long from = Long.MIN_VALUE;
            long to = Long.MIN_VALUE;
            for (long[] x : list) {
                if (x[0] > to) {
                    total += to - from;
                    from = x[0];
                    to = x[1];
                } else {
                    to = Math.max(to, x[1]);
                }
            }
            busy.put(engine, total + (to - from));
        });
        return Collections.unmodifiableMap(busy);
    }

    /** The larger of the critical path and the busiest engine's time: the tighter lower bound. */
    public long lowerBoundNanos() {
        return Math.max(criticalPathNanos, busiestEngineNanos());
    }

    /**
     * The largest of {@link #engineBusyNanos()}'s values, without its maps: every run's metrics, span and trace
     * row read the bound once, so it is computed over one array of the trace's engine intervals, sorted by
     * engine and start.
     */
    private long busiestEngineNanos() {
        TraceEvent[] busy = new TraceEvent[trace.size()];
        int m = 0;
        for (TraceEvent e : trace) {
            if (!e.engine().equals(TraceEvent.LOCAL) && e.outcome() != TraceEvent.Outcome.ABSENT
                    && e.endNanos() > e.startNanos()) {
                busy[m++] = e;
            }
        }
        if (m <= SMALL) {
            for (int i = 1; i < m; i++) {
                TraceEvent x = busy[i];
                int j = i - 1;
                for (; j >= 0 && BY_ENGINE_THEN_START.compare(x, busy[j]) < 0; j--) {
                    busy[j + 1] = busy[j];
                }
                busy[j + 1] = x;
            }
        } else {
            java.util.Arrays.sort(busy, 0, m, BY_ENGINE_THEN_START);
        }
        long best = 0;
        for (int i = 0; i < m; ) {
            String engine = busy[i].engine();
            long total = 0;
            long from = busy[i].startNanos();
            long to = busy[i].endNanos();
            for (i++; i < m && busy[i].engine().equals(engine); i++) {
                if (busy[i].startNanos() > to) {
                    total += to - from;
                    from = busy[i].startNanos();
                    to = busy[i].endNanos();
                } else {
                    to = Math.max(to, busy[i].endNanos());
                }
            }
            best = Math.max(best, total + (to - from));
        }
        return best;
    }

    /** Up to this many intervals are sorted by insertion, which allocates nothing. */
    private static final int SMALL = 48;
    private static final java.util.Comparator<TraceEvent> BY_ENGINE_THEN_START =
            java.util.Comparator.comparing(TraceEvent::engine).thenComparingLong(TraceEvent::startNanos);

    /** {@code endToEnd / lowerBound}: how far the query was from the best any schedule could do. */
    public double boundRatio() {
        long bound = lowerBoundNanos();
        return bound == 0 ? Double.NaN : (double) endToEndNanos / bound;
    }

    /** The trace event of node {@code nodeId}; throws if the node has none. */
    public TraceEvent event(String nodeId) {
        return trace.stream().filter(e -> e.nodeId().equals(nodeId)).findFirst().orElseThrow(
                () -> new IllegalArgumentException("query " + queryId + " has no trace event for " + nodeId));
    }
}
