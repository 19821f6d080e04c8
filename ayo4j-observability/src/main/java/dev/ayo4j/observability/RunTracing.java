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
 * #traceContext}), so that the run's engine calls carry its context to remote servers; the primitives' spans
 * are made with their measured times when the run ends, from the run's trace, so that a run in flight costs
 * only the bookkeeping of its start (and, until it ends, of its finished primitives, which a failed run's
 * spans are made from).
 *
 * <p>A run makes one span per primitive, so the per-span work is kept to what the SDK needs: attributes go
 * straight onto the span builder under keys made once (an {@code Attributes} built first would be sorted and
 * then copied), and a primitive's name, kind and GenAI attributes come from {@link SpanShapes}.
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
     * traceparent}); the span ends, with its primitives' spans made as its children, when the run does.
     */
    @Override
    public TraceContext traceContext(String queryId) {
        long now = clocks.ticker().read();
        Span span = startRun(queryId, now);
        Run run = new Run(now, span);
        Run earlier = runs.putIfAbsent(queryId, run);
        if (earlier != null) {
            // Asked twice for one query id: the first span stands for the run.
            span = earlier.span != null ? earlier.span : span;
        }
        Map<String, String> fields = new HashMap<>(4);
        W3CTraceContextPropagator.getInstance().inject(parent.with(span), fields, Map::put);
        return new TraceContext(fields);
    }

    @Override
    public void onEvent(RunEvent event) {
        switch (event) {
            case RunEvent.Ready r -> {
                // Runs are normally known from traceContext; one heard of only from its events gets its span at the end.
                if (!runs.containsKey(r.queryId())) {
                    runs.putIfAbsent(r.queryId(), new Run(r.nanos(), null));
                }
            }
            case RunEvent.Started _, RunEvent.Token _ -> { }
            case RunEvent.Finished f -> {
                Run run = runs.get(f.queryId());
                if (run != null) {
                    synchronized (run.finished) {
                        run.finished.add(f.event());
                    }
                }
            }
            case RunEvent.Succeeded s -> {
                Run run = runs.remove(s.queryId());
                QueryResult r = s.result();
                long end = r.trace().stream().mapToLong(TraceEvent::endNanos).max().orElse(clocks.ticker().read());
                emit(r.queryId(), run, end - r.endToEndNanos(), end, r.trace(), r, null);
            }
            case RunEvent.Failed f -> {
                Run run = runs.remove(f.queryId());
                long now = clocks.ticker().read();
                List<TraceEvent> done;
                if (run == null) {
                    done = List.of();
                } else {
                    synchronized (run.finished) {
                        done = List.copyOf(run.finished);
                    }
                }
                emit(f.queryId(), run, run == null ? now : run.firstNanos, now, done, null, f.cause());
            }
        }
    }

    private Span startRun(String queryId, long startNanos) {
        return tracer.spanBuilder(runName).setParent(parent).setSpanKind(SpanKind.INTERNAL)
                .setStartTimestamp(clocks.epochNanos(startNanos), TimeUnit.NANOSECONDS)
                .setAttribute(WORKFLOW_NAME, app).setAttribute(QUERY_ID, queryId).startSpan();
    }

    /** Ends the run's span (started now at {@code startNanos} if it was not yet), its primitives' spans first. */
    private void emit(String queryId, Run known, long startNanos, long endNanos, List<TraceEvent> trace,
                      QueryResult result, Throwable failure) {
        Span run = known != null && known.span != null ? known.span : startRun(queryId, startNanos);
        if (result != null) {
            run.setAttribute(E2E_MS, result.endToEndNanos() / 1e6)
                    .setAttribute(CRITICAL_PATH_MS, result.criticalPathNanos() / 1e6)
                    .setAttribute(LOWER_BOUND_MS, result.lowerBoundNanos() / 1e6);
        }
        if (failure != null) {
            run.recordException(failure);
            run.setStatus(StatusCode.ERROR, String.valueOf(failure.getMessage()));
        }
        // A run the sampler left out is not recorded: its primitives would not be either, so skip building them.
        if (run.isRecording()) {
            Context inRun = parent.with(run);
            for (TraceEvent e : trace) {
                primitive(inRun, e);
            }
        }
        run.end(clocks.epochNanos(endNanos), TimeUnit.NANOSECONDS);
    }

    private void primitive(Context inRun, TraceEvent e) {
        SpanShapes.Shape shape = shapes.get(e.primitive(), e.engine());
        SpanBuilder b = tracer.spanBuilder(shape.name()).setParent(inRun).setSpanKind(shape.kind())
                .setStartTimestamp(clocks.epochNanos(e.startNanos()), TimeUnit.NANOSECONDS)
                .setAttribute(NODE, e.nodeId()).setAttribute(PRIMITIVE, e.primitive())
                .setAttribute(ENGINE, e.engine()).setAttribute(OUTCOME, OUTCOMES[e.outcome().ordinal()])
                .setAttribute(QUEUE_WAIT_MS, Math.max(0, e.waitNanos()) / 1e6);
        if (e.batchId() >= 0) {
            b.setAttribute(BATCH_ID, e.batchId()).setAttribute(BATCH_SIZE, e.batchSize());
        }
        if (shape.operation() != null) {
            b.setAttribute(OPERATION_NAME, shape.operation());
            if (shape.provider() != null) {
                b.setAttribute(PROVIDER_NAME, shape.provider()).setAttribute(REQUEST_MODEL, shape.model());
            }
        }
        if (e.tokensIn() > 0) {
            b.setAttribute(USAGE_INPUT_TOKENS, e.tokensIn());
        }
        if (e.tokensOut() > 0) {
            b.setAttribute(USAGE_OUTPUT_TOKENS, e.tokensOut());
        }
        Span span = b.startSpan();
        if (e.outcome() == TraceEvent.Outcome.FAILED) {
            span.setStatus(StatusCode.ERROR);
        }
        span.end(clocks.epochNanos(Math.max(e.startNanos(), e.endNanos())), TimeUnit.NANOSECONDS);
    }

    /** A run in flight: when it was first heard of, its span (null until the end if none was asked for), and its primitives that ended. */
    private static final class Run {
        final long firstNanos;
        final Span span;
        final List<TraceEvent> finished = new ArrayList<>();

        Run(long firstNanos, Span span) {
            this.firstNanos = firstNanos;
            this.span = span;
        }
    }
}
