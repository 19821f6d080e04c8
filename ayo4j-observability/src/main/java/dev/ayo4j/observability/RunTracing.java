// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.observability;

import dev.ayo4j.runtime.QueryResult;
import dev.ayo4j.runtime.RunEvent;
import dev.ayo4j.runtime.RunListener;
import dev.ayo4j.runtime.trace.TraceEvent;
import dev.ayo4j.spi.TraceContext;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Run listener that makes OpenTelemetry spans of runs: one span per run, a child of {@code parent} (the
 * caller's context, e.g. taken from an incoming {@code traceparent}), and one child span per primitive with
 * its queue wait, batch, tokens and GenAI attributes. The run's span starts with the run ({@link
 * #traceContext}). The span of a primitive on an engine that sends trace context to a remote server starts
 * when its batch does ({@link #taskTraceContext}) and its context is the one its task carries, so that the
 * server's spans hang under the primitive's span; it ends when the primitive does. Every other primitive's
 * span (in process, or run in place) is made with its measured times when the run ends, in one loop over the
 * run's finished primitives, so that a run in flight costs only the bookkeeping and nothing of those spans
 * runs on an engine's thread.
 *
 * <p>A run makes one span per primitive, so the per-span work is kept to what the SDK needs: attributes go
 * straight onto the span builder under keys made once (an {@code Attributes} built first would be sorted and
 * then copied), a primitive's name, kind and GenAI attributes come from {@link SpanShapes}, and a task's
 * {@code traceparent} is written from the span's ids without a propagator's map.
 */
final class RunTracing implements RunListener {
    private static final AttributeKey<String> WORKFLOW_NAME = AttributeKey.stringKey(GenAi.WORKFLOW_NAME);
    private static final AttributeKey<String> QUERY_ID = AttributeKey.stringKey(Attrs.QUERY_ID);
    private static final AttributeKey<Double> E2E_MS = AttributeKey.doubleKey(Attrs.E2E_MS);
    private static final AttributeKey<Double> CRITICAL_PATH_MS = AttributeKey.doubleKey(Attrs.CRITICAL_PATH_MS);
    private static final AttributeKey<Double> LOWER_BOUND_MS = AttributeKey.doubleKey(Attrs.LOWER_BOUND_MS);
    private static final AttributeKey<String> NODE = AttributeKey.stringKey(Attrs.NODE);
    private static final AttributeKey<String> PRIMITIVE = AttributeKey.stringKey(Attrs.PRIMITIVE);
    private static final AttributeKey<String> ENGINE = AttributeKey.stringKey(Attrs.ENGINE);
    private static final AttributeKey<String> OUTCOME = AttributeKey.stringKey(Attrs.OUTCOME);
    private static final AttributeKey<Double> QUEUE_WAIT_MS = AttributeKey.doubleKey(Attrs.QUEUE_WAIT_MS);
    private static final AttributeKey<Long> BATCH_ID = AttributeKey.longKey(Attrs.BATCH_ID);
    private static final AttributeKey<Long> BATCH_SIZE = AttributeKey.longKey(Attrs.BATCH_SIZE);
    private static final AttributeKey<String> OPERATION_NAME = AttributeKey.stringKey(GenAi.OPERATION_NAME);
    private static final AttributeKey<String> PROVIDER_NAME = AttributeKey.stringKey(GenAi.PROVIDER_NAME);
    private static final AttributeKey<String> REQUEST_MODEL = AttributeKey.stringKey(GenAi.REQUEST_MODEL);
    private static final AttributeKey<Long> USAGE_INPUT_TOKENS = AttributeKey.longKey(GenAi.USAGE_INPUT_TOKENS);
    private static final AttributeKey<Long> USAGE_OUTPUT_TOKENS = AttributeKey.longKey(GenAi.USAGE_OUTPUT_TOKENS);
    private static final String TRACEPARENT = "traceparent";
    /** {@code ayo4j.outcome} values by {@link TraceEvent.Outcome} ordinal: the outcome in lower case. */
    private static final String[] OUTCOMES = java.util.Arrays.stream(TraceEvent.Outcome.values())
            .map(o -> o.name().toLowerCase(java.util.Locale.ROOT)).toArray(String[]::new);

    private final Tracer tracer;
    private final String app;
    private final String runName;
    private final Context parent;
    private final SpanShapes shapes;
    private final Clocks clocks;
    private final Map<String, Run> runs = new ConcurrentHashMap<>();

    RunTracing(Tracer tracer, String app, Context parent, SpanShapes shapes, Clocks clocks) {
        this.tracer = tracer;
        this.app = app;
        this.runName = "run " + app;
        this.parent = parent;
        this.shapes = shapes;
        this.clocks = clocks;
    }

    /**
     * Starts the run's span, so that its engine calls can carry it to remote servers (as W3C {@code
     * traceparent}); the span ends when the run does.
     */
    @Override
    public TraceContext traceContext(String queryId) {
        long now = clocks.ticker().read();
        // Asked twice for one query id: the first span stands for the run.
        Run run = runs.computeIfAbsent(queryId, q -> new Run(startRun(q, now), parent));
        Map<String, String> fields = new HashMap<>(4);
        W3CTraceContextPropagator.getInstance().inject(run.context, fields, Map::put);
        return new TraceContext(fields);
    }

    /**
     * Starts the span of an engine primitive whose batch began on an engine that sends trace context, and
     * gives its context, which the task sends to the remote server; the span ends when the primitive does.
     */
    @Override
    public TraceContext taskTraceContext(RunEvent.Started started) {
        Run run = runs.get(started.queryId());
        Span span = run == null ? null : started(run, started);
        if (span == null) {
            return TraceContext.NONE;
        }
        SpanContext c = span.getSpanContext();
        if (c.getTraceState().isEmpty()) {
            // The version and trace id are the run's; only the span id and flags are the primitive's.
            return new TraceContext(Map.of(TRACEPARENT, run.traceparentPrefix + c.getSpanId() + '-'
                    + c.getTraceFlags().asHex()));
        }
        Map<String, String> fields = new HashMap<>(4);
        W3CTraceContextPropagator.getInstance().inject(Context.root().with(span), fields, Map::put);
        return new TraceContext(fields);
    }

    @Override
    public void onEvent(RunEvent event) {
        switch (event) {
            case RunEvent.Ready r -> {
                // Runs are normally known from traceContext; one heard of only from its events starts at its first.
                if (!runs.containsKey(r.queryId())) {
                    runs.computeIfAbsent(r.queryId(), q -> new Run(startRun(q, r.nanos()), parent));
                }
            }
            case RunEvent.Started _, RunEvent.Token _ -> { }
            case RunEvent.Finished f -> finished(f.event());
            case RunEvent.Succeeded s -> {
                Run run = runs.remove(s.queryId());
                QueryResult r = s.result();
                long end = r.trace().stream().mapToLong(TraceEvent::endNanos).max().orElse(clocks.ticker().read());
                Span span = run != null ? run.end() : startRun(r.queryId(), end - r.endToEndNanos());
                if (run != null) {
                    primitives(run);
                }
                span.setAttribute(E2E_MS, r.endToEndNanos() / 1e6)
                        .setAttribute(CRITICAL_PATH_MS, r.criticalPathNanos() / 1e6)
                        .setAttribute(LOWER_BOUND_MS, r.lowerBoundNanos() / 1e6);
                span.end(clocks.epochNanos(end), TimeUnit.NANOSECONDS);
            }
            case RunEvent.Failed f -> {
                Run run = runs.remove(f.queryId());
                long now = clocks.ticker().read();
                Span span;
                if (run == null) {
                    span = startRun(f.queryId(), now);
                } else {
                    span = run.end();
                    // Primitives still running when the run failed were abandoned: their spans end with it.
                    for (Span open : run.open.values()) {
                        open.end(clocks.epochNanos(now), TimeUnit.NANOSECONDS);
                    }
                    run.open.clear();
                    primitives(run);
                }
                span.recordException(f.cause());
                span.setStatus(StatusCode.ERROR, String.valueOf(f.cause().getMessage()));
                span.end(clocks.epochNanos(now), TimeUnit.NANOSECONDS);
            }
        }
    }

    private Span startRun(String queryId, long startNanos) {
        return tracer.spanBuilder(runName).setParent(parent).setSpanKind(SpanKind.INTERNAL)
                .setStartTimestamp(clocks.epochNanos(startNanos), TimeUnit.NANOSECONDS)
                .setAttribute(WORKFLOW_NAME, app).setAttribute(QUERY_ID, queryId).startSpan();
    }

    /** Starts the span of an engine primitive whose batch began; a run the sampler left out gets none (null). */
    private Span started(Run run, RunEvent.Started s) {
        if (!run.recording) {
            return null;
        }
        SpanShapes.Shape shape = shapes.get(s.primitive(), s.engine());
        SpanBuilder b = start(shape, run.context, s.nanos(), s.nodeId(), s.primitive(), s.engine());
        if (s.batchId() >= 0) {
            b.setAttribute(BATCH_ID, s.batchId()).setAttribute(BATCH_SIZE, s.batchSize());
        }
        Span span = b.startSpan();
        Span retried = run.open.put(s.nodeId(), span);
        if (retried != null) {
            retried.end(clocks.epochNanos(s.nanos()), TimeUnit.NANOSECONDS);
        }
        if (run.ended && run.open.remove(s.nodeId(), span)) {
            // The run failed while this batch was being started: nobody will end the span but this.
            span.end(clocks.epochNanos(s.nanos()), TimeUnit.NANOSECONDS);
        }
        return span;
    }

    /**
     * Ends a primitive's span when it was started as its batch began; otherwise keeps the event, whose span is
     * made with the run's other ones when the run ends (in one loop on one thread, so that a run in flight
     * costs only this).
     */
    private void finished(TraceEvent e) {
        Run run = runs.get(e.queryId());
        if (run == null || !run.recording) {
            return;
        }
        Span span = run.open.remove(e.nodeId());
        if (span == null) {
            synchronized (run.finished) {
                run.finished.add(e);
            }
            return;
        }
        span.setAttribute(OUTCOME, OUTCOMES[e.outcome().ordinal()])
                .setAttribute(QUEUE_WAIT_MS, Math.max(0, e.waitNanos()) / 1e6);
        if (e.tokensIn() > 0) {
            span.setAttribute(USAGE_INPUT_TOKENS, e.tokensIn());
        }
        if (e.tokensOut() > 0) {
            span.setAttribute(USAGE_OUTPUT_TOKENS, e.tokensOut());
        }
        end(span, e);
    }

    /** The spans, with their measured times, of the run's primitives that ended without a span of their own. */
    private void primitives(Run run) {
        if (!run.recording) {
            return;
        }
        List<TraceEvent> done;
        synchronized (run.finished) {
            done = List.copyOf(run.finished);
        }
        for (TraceEvent e : done) {
            SpanBuilder b = start(shapes.get(e.primitive(), e.engine()), run.context, e.startNanos(), e.nodeId(),
                    e.primitive(), e.engine());
            b.setAttribute(OUTCOME, OUTCOMES[e.outcome().ordinal()])
                    .setAttribute(QUEUE_WAIT_MS, Math.max(0, e.waitNanos()) / 1e6);
            if (e.batchId() >= 0) {
                b.setAttribute(BATCH_ID, e.batchId()).setAttribute(BATCH_SIZE, e.batchSize());
            }
            if (e.tokensIn() > 0) {
                b.setAttribute(USAGE_INPUT_TOKENS, e.tokensIn());
            }
            if (e.tokensOut() > 0) {
                b.setAttribute(USAGE_OUTPUT_TOKENS, e.tokensOut());
            }
            end(b.startSpan(), e);
        }
    }

    private void end(Span span, TraceEvent e) {
        if (e.outcome() == TraceEvent.Outcome.FAILED) {
            span.setStatus(StatusCode.ERROR);
        }
        span.end(clocks.epochNanos(Math.max(e.startNanos(), e.endNanos())), TimeUnit.NANOSECONDS);
    }

    /** A primitive span's builder with what every primitive's span has. */
    private SpanBuilder start(SpanShapes.Shape shape, Context inRun, long startNanos, String node, String primitive,
                              String engine) {
        SpanBuilder b = tracer.spanBuilder(shape.name()).setParent(inRun).setSpanKind(shape.kind())
                .setStartTimestamp(clocks.epochNanos(startNanos), TimeUnit.NANOSECONDS)
                .setAttribute(NODE, node).setAttribute(PRIMITIVE, primitive).setAttribute(ENGINE, engine);
        if (shape.operation() != null) {
            b.setAttribute(OPERATION_NAME, shape.operation());
            if (shape.provider() != null) {
                b.setAttribute(PROVIDER_NAME, shape.provider()).setAttribute(REQUEST_MODEL, shape.model());
            }
        }
        return b;
    }

    /**
     * A run in flight: its span and the context its primitives' spans are children of, whether the sampler
     * records it, the spans of its primitives that started as their batch did and have not ended, and its
     * other primitives that ended.
     */
    private static final class Run {
        final Span span;
        final Context context;
        final boolean recording;
        final Map<String, Span> open = new ConcurrentHashMap<>();
        /** Its primitives that ended without a span of their own, whose spans are made at the run's end. */
        final List<TraceEvent> finished = new ArrayList<>();
        /** {@code 00-<trace id>-}: how the traceparent of each of the run's primitives begins. */
        final String traceparentPrefix;
        volatile boolean ended;

        Run(Span span, Context parent) {
            this.span = span;
            this.context = parent.with(span);
            this.recording = span.isRecording();
            this.traceparentPrefix = "00-" + span.getSpanContext().getTraceId() + '-';
        }

        /** Marks the run ended, so that a primitive starting now ends its own span; returns the run's span. */
        Span end() {
            ended = true;
            return span;
        }
    }
}
