// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.runtime;

import dev.ayo4j.spi.Task;
import dev.ayo4j.spi.TraceContext;

/**
 * Receives the {@link RunEvent}s of the queries it was given to, as they happen.
 *
 * <p>Threading: called from the runtime's threads (a query's event loop, an engine's batch thread, a
 * generation's streaming thread), possibly concurrently for different queries and, for {@link
 * RunEvent.Token}, concurrently with other events of the same query. It must be thread-safe, return
 * quickly and never block; an exception it throws is logged and dropped, never failing the query.
 */
@FunctionalInterface
public interface RunListener {
    /** A listener that ignores every event; the runtime emits nothing to it. */
    RunListener NONE = _ -> { };

    /** Called once per event. */
    void onEvent(RunEvent event);

    /**
     * Called once as query {@code queryId} starts, before its first event: the trace context that its engine
     * calls carry to remote servers ({@link Task#trace()}), e.g. that of a span the listener starts for the
     * run. The runtime passes it on without reading it. The same threading rules as {@link #onEvent} hold;
     * what it throws is logged and the query runs untraced. Default: {@link TraceContext#NONE}.
     */
    default TraceContext traceContext(String queryId) {
        return TraceContext.NONE;
    }

    /**
     * Called as the batch holding an engine primitive begins, right after its {@link RunEvent.Started} event
     * and before the engine runs it, for engines that send their tasks' trace context to a remote server
     * ({@code Engine.sendsTraceContext()}) only: the trace context that this one task carries instead of its
     * query's ({@link #traceContext(String)}), e.g. that of a span the listener starts now for the primitive,
     * so that the server's spans become the primitive span's children. {@link TraceContext#NONE} keeps the
     * query's context. The same threading rules as {@link #onEvent} hold; what it throws is logged and the task
     * keeps the query's context. Default: {@link TraceContext#NONE}.
     */
    default TraceContext taskTraceContext(RunEvent.Started started) {
        return TraceContext.NONE;
    }

    /** A listener that passes each event to {@code this}, then to {@code other}. */
    default RunListener andThen(RunListener other) {
        if (this == NONE) {
            return other;
        }
        if (other == NONE) {
            return this;
        }
        RunListener first = this;
        return new RunListener() {
            @Override
            public void onEvent(RunEvent e) {
                RunListeners.deliver(first, e);
                RunListeners.deliver(other, e);
            }

            /**
             * Asks both (each may start a span of its own for the run); the first listener's context, or the
             * other's when the first has none.
             */
            @Override
            public TraceContext traceContext(String queryId) {
                TraceContext c = RunListeners.traceContext(first, queryId);
                TraceContext d = RunListeners.traceContext(other, queryId);
                return c.isEmpty() ? d : c;
            }

            /** Asks both (each may start a span of its own); the first listener's context, or the other's. */
            @Override
            public TraceContext taskTraceContext(RunEvent.Started started) {
                TraceContext c = RunListeners.taskTraceContext(first, started);
                TraceContext d = RunListeners.taskTraceContext(other, started);
                return c.isEmpty() ? d : c;
            }
        };
    }
}
