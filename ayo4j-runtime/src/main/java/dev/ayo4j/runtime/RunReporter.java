// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.runtime;

import dev.ayo4j.runtime.trace.TraceEvent;
import dev.ayo4j.spi.TraceContext;

/**
 * Tells a query run's {@link RunListener} what happens to it, as {@link RunEvent}s: nodes ready, started in
 * a batch, streaming tokens and finished, then the query's success or failure. With
 * {@link RunListener#NONE} it builds no event at all; a listener's failure never reaches the run.
 */
final class RunReporter {
    private final String queryId;
    private final GraphPlan plan;
    private final RunListener listener;
    private final TraceContext traceContext;

    RunReporter(String queryId, GraphPlan plan, RunListener listener) {
        this.queryId = queryId;
        this.plan = plan;
        this.listener = listener;
        this.traceContext = RunListeners.traceContext(listener, queryId);
    }

    /** The listener's trace context for this query, carried by each of its tasks to its engine. */
    TraceContext traceContext() {
        return traceContext;
    }

    /** Node {@code i} became ready at {@code atNanos}. */
    void ready(int i, long atNanos) {
        if (listener != RunListener.NONE) {
            String engine = plan.engineOf[i] == null ? TraceEvent.LOCAL : plan.engineOf[i];
            RunListeners.deliver(listener, new RunEvent.Ready(queryId, nodeId(i), plan.nodes[i].op().kindName(),
                    engine, atNanos));
        }
    }

    /**
     * What the scheduler calls when engine node {@code i} starts in a batch: reports it, and, when its engine
     * sends trace context, gives the trace context the listener has for that task ({@link
     * RunListener#taskTraceContext}).
     */
    EngineScheduler.OnStart onStart(int i) {
        return listener == RunListener.NONE ? EngineScheduler.OnStart.NONE : (batch, size, at, traced) -> {
            RunEvent.Started started = new RunEvent.Started(queryId, nodeId(i), plan.nodes[i].op().kindName(),
                    plan.engineOf[i], batch, size, at);
            RunListeners.deliver(listener, started);
            return traced ? RunListeners.taskTraceContext(listener, started) : TraceContext.NONE;
        };
    }

    /** Node {@code i} streamed {@code chunk} of its text. */
    void token(int i, String chunk) {
        if (listener != RunListener.NONE) {
            RunListeners.deliver(listener, new RunEvent.Token(queryId, nodeId(i), chunk));
        }
    }

    /** A node ended as {@code event} says. */
    void finished(TraceEvent event) {
        RunListeners.deliver(listener, new RunEvent.Finished(event));
    }

    void succeeded(QueryResult result) {
        RunListeners.deliver(listener, new RunEvent.Succeeded(result));
    }

    void failed(Throwable cause) {
        RunListeners.deliver(listener, new RunEvent.Failed(queryId, cause));
    }

    private String nodeId(int i) {
        return plan.nodes[i].id().value();
    }
}
