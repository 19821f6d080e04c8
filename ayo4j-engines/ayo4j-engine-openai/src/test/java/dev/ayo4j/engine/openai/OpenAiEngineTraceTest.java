// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.engine.openai;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Scope;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The caller's W3C trace context travels to the server as {@code traceparent}. */
class OpenAiEngineTraceTest {
    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String SPAN_ID = "00f067aa0ba902b7";
    private final TestingOpenAiServer server = TestingOpenAiServer.start();
    private final OpenAiEngine engine = OpenAiEngine.builder().baseUrl(server.baseUrl()).model("testing").build();

    @AfterEach
    void tearDown() {
        engine.close();
        server.close();
    }

    @Test
    void sendsTheCurrentTraceContextAsTraceparent() {
        SpanContext caller = SpanContext.createFromRemoteParent(TRACE_ID, SPAN_ID, TraceFlags.getSampled(),
                TraceState.getDefault());
        try (Scope ignored = Span.wrap(caller).makeCurrent()) {
            engine.execute(Tasks.batch(Tasks.warmUp(engine.name(), "Why is the sky blue?")));
        }
        assertThat(server.lastRequest().traceparent()).isEqualTo("00-" + TRACE_ID + "-" + SPAN_ID + "-01");
    }

    @Test
    void sendsNoTraceparentWithoutATraceContext() {
        engine.execute(Tasks.batch(Tasks.warmUp(engine.name(), "Why is the sky blue?")));
        assertThat(server.lastRequest().traceparent()).isEmpty();
    }
}
