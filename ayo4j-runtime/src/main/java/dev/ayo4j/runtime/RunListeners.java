// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.runtime;

import dev.ayo4j.spi.TraceContext;

/** Delivery of run events that never lets a listener's failure reach the query. */
final class RunListeners {
    private static final System.Logger LOG = System.getLogger(RunListeners.class.getName());

    private RunListeners() {
    }

    /** Passes {@code event} to {@code listener}; logs and drops what it throws. */
    static void deliver(RunListener listener, RunEvent event) {
        if (listener == RunListener.NONE) {
            return;
        }
        try {
            listener.onEvent(event);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "run listener failed on " + event.getClass().getSimpleName()
                    + " of query " + event.queryId(), e);
        }
    }

    /** {@code listener}'s trace context for query {@code queryId}; logs what it throws and gives none. */
    static TraceContext traceContext(RunListener listener, String queryId) {
        if (listener == RunListener.NONE) {
            return TraceContext.NONE;
        }
        try {
            return java.util.Objects.requireNonNullElse(listener.traceContext(queryId), TraceContext.NONE);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "run listener failed to give a trace context for query " + queryId
                    + "; it runs untraced", e);
            return TraceContext.NONE;
        }
    }

    /** {@code listener}'s trace context for the task that {@code started} reports; none when it throws. */
    static TraceContext taskTraceContext(RunListener listener, RunEvent.Started started) {
        if (listener == RunListener.NONE) {
            return TraceContext.NONE;
        }
        try {
            return java.util.Objects.requireNonNullElse(listener.taskTraceContext(started), TraceContext.NONE);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "run listener failed to give a trace context for " + started.nodeId()
                    + " of query " + started.queryId() + "; it carries the query's", e);
            return TraceContext.NONE;
        }
    }
}
