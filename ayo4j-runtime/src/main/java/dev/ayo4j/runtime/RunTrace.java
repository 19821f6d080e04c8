// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.runtime;

import dev.ayo4j.runtime.trace.MeasuredCriticalPath;
import dev.ayo4j.runtime.trace.TraceEvent;
import dev.ayo4j.runtime.trace.TraceEvent.Outcome;
import dev.ayo4j.spi.Generation;
import dev.ayo4j.spi.Ticker;
import java.util.Arrays;
import java.util.List;

/**
 * The trace of one query run: when each node became ready and started, read from the run's ticker, and the
 * {@link TraceEvent} each node ended with. It builds the events (run in place, on an engine, or decoded
 * from a generation) and keeps the last one recorded per node; it decides nothing about the run.
 */
final class RunTrace {
    private final String queryId;
    private final GraphPlan plan;
    private final Ticker ticker;
    private final long[] enqueued;
    private final long[] started;
    private final TraceEvent[] events;

    RunTrace(String queryId, GraphPlan plan, Ticker ticker) {
        this.queryId = queryId;
        this.plan = plan;
        this.ticker = ticker;
        enqueued = new long[plan.size()];
        started = new long[plan.size()];
        events = new TraceEvent[plan.size()];
    }

    /** Node {@code i} became ready now; returns when. */
    long ready(int i) {
        enqueued[i] = ticker.read();
        return enqueued[i];
    }

    /** Node {@code i} starts now. */
    void started(int i) {
        started[i] = ticker.read();
    }

    /** Node {@code i} ran in place from its start until now. */
    TraceEvent local(int i, Outcome outcome) {
        return local(i, started[i], ticker.read(), outcome);
    }

    /** Node {@code i} settled in place at once, without running. */
    TraceEvent instant(int i, Outcome outcome) {
        long now = ticker.read();
        return local(i, now, now, outcome);
    }

    /** Node {@code i} ran on its engine, as {@code c} reports. */
    TraceEvent engine(int i, EngineScheduler.Completion c, int tokensIn, int tokensOut, Outcome outcome) {
        return new TraceEvent(queryId, nodeId(i), kind(i), plan.engineOf[i], enqueued[i], c.startNanos(),
                c.endNanos(), c.batchId(), c.batchSize(), tokensIn, tokensOut, outcome);
    }

    /**
     * Node {@code i} read its value from generation {@code g} until now; decoding runs on the LLM even
     * though the runtime only reads its stream, so the event is charged there.
     */
    TraceEvent decoded(int i, String engine, Generation g) {
        return new TraceEvent(queryId, nodeId(i), kind(i), engine, enqueued[i], started[i], ticker.read(), -1, 1,
                g.promptTokens(), g.generatedTokens(), Outcome.OK);
    }

    /** Records {@code event} as node {@code i}'s and returns it. */
    TraceEvent record(int i, TraceEvent event) {
        events[i] = event;
        return event;
    }

    /** Every node's event, in node order (null for a node that never ended). */
    List<TraceEvent> events() {
        return Arrays.asList(events.clone());
    }

    /** The critical path of the run as measured by its events. */
    long criticalPathNanos() {
        return MeasuredCriticalPath.nanos(plan.topo, plan.edgesIn::get, events);
    }

    private TraceEvent local(int i, long start, long end, Outcome outcome) {
        return new TraceEvent(queryId, nodeId(i), kind(i), TraceEvent.LOCAL, enqueued[i], start, end, -1, 1, 0, 0,
                outcome);
    }

    private String nodeId(int i) {
        return plan.nodes[i].id().value();
    }

    private String kind(int i) {
        return plan.nodes[i].op().kindName();
    }
}
