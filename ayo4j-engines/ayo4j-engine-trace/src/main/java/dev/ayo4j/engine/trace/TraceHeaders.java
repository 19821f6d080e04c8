// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.engine.trace;

import dev.ayo4j.spi.TraceContext;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.net.http.HttpRequest;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Writes the trace context of a task's run as W3C Trace Context request headers ({@code traceparent}, and
 * {@code tracestate} when the trace has one), so that the spans of the server an engine calls join the run's
 * trace. Where the task carries no (valid) context, the calling thread's current context is written instead;
 * where neither has one, nothing is written.
 */
public final class TraceHeaders {
    private TraceHeaders() {}

    /**
     * Adds the trace headers of {@code trace} (else of the calling thread) to {@code request}.
     *
     * @param trace the task's trace context ({@link dev.ayo4j.spi.Task#trace()})
     * @param request the request being built
     */
    public static void inject(TraceContext trace, HttpRequest.Builder request) {
        W3CTraceContextPropagator w3c = W3CTraceContextPropagator.getInstance();
        w3c.inject(w3c.extract(Context.current(), trace.fields(), Fields.INSTANCE), request,
                HttpRequest.Builder::header);
    }

    /** Reader of {@link TraceContext#fields()} for the propagator. */
    private enum Fields implements TextMapGetter<Map<String, String>> {
        INSTANCE;

        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public @Nullable String get(@Nullable Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    }
}
