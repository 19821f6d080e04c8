// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.spi;

import java.util.Map;
import java.util.Objects;

/**
 * Trace context that an engine call carries to a remote server, so that the server's spans join the caller's
 * trace: the text-map fields a trace propagator wrote, for W3C Trace Context {@code traceparent} (and {@code
 * tracestate} when the trace has one).
 *
 * <p>Opaque to the runtime, which hands the context its run listener gives for a query to every task of that
 * query, and as a task's batch starts the context the listener gives for that task (that of the primitive's
 * span), without reading either ({@link Task#trace()}). An engine that calls a remote server reads the fields back
 * with the same propagator (OpenTelemetry's {@code W3CTraceContextPropagator}) and sends them as request
 * headers; an engine that runs in process ignores them. An engine serving a batch of tasks from several
 * queries in one request sends the first task's context.
 *
 * @param fields propagation fields by lower-case name; empty for {@link #NONE}
 */
public record TraceContext(Map<String, String> fields) {
    /** No trace context: the call is not part of a trace the caller knows of. */
    public static final TraceContext NONE = new TraceContext(Map.of());

    public TraceContext {
        fields = Map.copyOf(Objects.requireNonNull(fields, "fields"));
    }

    /** Whether there are no fields. */
    public boolean isEmpty() {
        return fields.isEmpty();
    }
}
