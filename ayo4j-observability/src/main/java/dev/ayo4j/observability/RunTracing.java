// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.observability;

import dev.ayo4j.runtime.QueryResult;
import dev.ayo4j.runtime.RunEvent;
import dev.ayo4j.runtime.RunListener;
import dev.ayo4j.runtime.trace.TraceEvent;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Run listener that makes OpenTelemetry spans of runs: one span per run, a child of {@code parent} (the
 * caller's context, e.g. taken from an incoming {@code traceparent}), and one child span per primitive with
 * its queue wait, batch, tokens and GenAI attributes. Spans are made with their measured times when the run
 * ends, from the run's trace, so that a run in flight costs only the bookkeeping of its first event (and,
 * until it ends, of its finished primitives, which a failed run's spans are made from).
 */
final class RunTracing implements RunListener {
    private final Tracer tracer;
    private final String app;
    private final Context parent;
    private final Function<String, EngineDescription> engines;
    private final Clocks clocks;
    private final Map<String, Run> runs = new ConcurrentHashMap<>();

    RunTracing(Tracer tracer, String app, Context parent, Function<String, EngineDescription> engines, Clocks clocks) {
        this.tracer = tracer;
        this.app = app;
        this.parent = parent;
        this.engines = engines;
        this.clocks = clocks;
    }

    @Override
    public void onEvent(RunEvent event) {
        switch (event) {
            case RunEvent.Ready r -> runs.computeIfAbsent(r.queryId(), _ -> new Run(r.nanos()));
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
                emit(r.queryId(), end - r.endToEndNanos(), end, r.trace(), r, null);
                if (run != null) {
                    run.finished.clear();
                }
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
                emit(f.queryId(), run == null ? now : run.firstNanos, now, done, null, f.cause());
            }
        }
    }

    private void emit(String queryId, long startNanos, long endNanos, List<TraceEvent> trace, QueryResult result,
                      Throwable failure) {
        Span run = tracer.spanBuilder("run " + app).setParent(parent).setSpanKind(SpanKind.INTERNAL)
                .setStartTimestamp(clocks.epochNanos(startNanos), TimeUnit.NANOSECONDS)
                .setAttribute(GenAi.WORKFLOW_NAME, app).setAttribute(Attrs.QUERY_ID, queryId).startSpan();
        if (result != null) {
            run.setAttribute(Attrs.E2E_MS, result.endToEndNanos() / 1e6);
            run.setAttribute(Attrs.CRITICAL_PATH_MS, result.criticalPathNanos() / 1e6);
            run.setAttribute(Attrs.LOWER_BOUND_MS, result.lowerBoundNanos() / 1e6);
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
        String op = GenAi.operation(e.primitive());
        boolean onEngine = !e.engine().equals(TraceEvent.LOCAL);
        EngineDescription d = engines.apply(e.engine());
        String name = op != null && onEngine ? op + " " + d.model() : e.primitive();
        AttributesBuilder a = Attributes.builder()
                .put(Attrs.NODE, e.nodeId()).put(Attrs.PRIMITIVE, e.primitive()).put(Attrs.ENGINE, e.engine())
                .put(Attrs.OUTCOME, e.outcome().name().toLowerCase(java.util.Locale.ROOT))
                .put(Attrs.QUEUE_WAIT_MS, Math.max(0, e.waitNanos()) / 1e6);
        if (e.batchId() >= 0) {
            a.put(Attrs.BATCH_ID, e.batchId()).put(Attrs.BATCH_SIZE, e.batchSize());
        }
        if (op != null) {
            a.put(GenAi.OPERATION_NAME, op);
            if (onEngine) {
                a.put(GenAi.PROVIDER_NAME, d.provider()).put(GenAi.REQUEST_MODEL, d.model());
            }
        }
        if (e.tokensIn() > 0) {
            a.put(GenAi.USAGE_INPUT_TOKENS, e.tokensIn());
        }
        if (e.tokensOut() > 0) {
            a.put(GenAi.USAGE_OUTPUT_TOKENS, e.tokensOut());
        }
        Span span = tracer.spanBuilder(name).setParent(inRun)
                .setSpanKind(onEngine ? SpanKind.CLIENT : SpanKind.INTERNAL)
                .setStartTimestamp(clocks.epochNanos(e.startNanos()), TimeUnit.NANOSECONDS)
                .setAllAttributes(a.build()).startSpan();
        if (e.outcome() == TraceEvent.Outcome.FAILED) {
            span.setStatus(StatusCode.ERROR);
        }
        span.end(clocks.epochNanos(Math.max(e.startNanos(), e.endNanos())), TimeUnit.NANOSECONDS);
    }

    /** A run in flight: when it was first heard of and its primitives that ended. */
    private static final class Run {
        final long firstNanos;
        final List<TraceEvent> finished = new ArrayList<>();

        Run(long firstNanos) {
            this.firstNanos = firstNanos;
        }
    }
}
