// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.bench.app;

import dev.ayo4j.Ayo4jException;
import dev.ayo4j.app.App;
import dev.ayo4j.app.Apps;
import dev.ayo4j.app.QueryShape;
import dev.ayo4j.graph.PrimitiveGraph;
import dev.ayo4j.plan.Pass;
import dev.ayo4j.plan.Planner;
import dev.ayo4j.plan.PlannerContext;
import dev.ayo4j.runtime.Ayo4jRuntime;
import dev.ayo4j.runtime.QueryResult;
import dev.ayo4j.runtime.RunListener;
import dev.ayo4j.runtime.trace.TraceEvent;
import dev.ayo4j.spi.Passage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletionException;
import java.util.function.BiFunction;
import org.jspecify.annotations.Nullable;

/**
 * ayo4j: each query's graph is lowered from the app, optimized with the given passes (planning time
 * counts toward latency) and submitted to one runtime over the stack's engines.
 */
public final class AyoSystem implements BenchSystem {
    private final String name;
    private final App app;
    private final List<Pass> passes;
    private final Duration deadline;
    private @Nullable Ayo4jRuntime runtime;
    private BiFunction<String, String, RunListener> traces = (a, s) -> RunListener.NONE;

    public AyoSystem(String name, App app, List<Pass> passes, Duration deadline) {
        this.name = Objects.requireNonNull(name, "name");
        this.app = Objects.requireNonNull(app, "app");
        this.passes = List.copyOf(passes);
        this.deadline = Objects.requireNonNull(deadline, "deadline");
    }

    public List<Pass> passes() {
        return passes;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String describe() {
        return "ayo4j runtime, passes " + (passes.isEmpty() ? "none" : passes.stream().map(Pass::name).toList());
    }

    /** Where runs are also recorded: a listener per app name and system name (default: nowhere). */
    public void traces(BiFunction<String, String, RunListener> listeners) {
        this.traces = Objects.requireNonNull(listeners, "listeners");
    }

    @Override
    public void begin(Engines engines) {
        runtime = engines.newRuntime(traces.apply(app.name(), name));
    }

    /** The graph of {@code query}, lowered and optimized as this system runs it. */
    public PrimitiveGraph graph(BenchQuery query, String collection) {
        PrimitiveGraph graph = app.withCollection(collection).lower(shape(query));
        return passes.isEmpty() ? graph : new Planner(passes, PlannerContext.defaults()).optimize(graph).result();
    }

    @Override
    public QueryOutcome answer(BenchQuery query, String collection) {
        Ayo4jRuntime rt = Objects.requireNonNull(runtime, "begin() first");
        long start = System.nanoTime();
        PrimitiveGraph graph = graph(query, collection);
        Map<String, Object> inputs = new HashMap<>();
        inputs.put(Apps.QUESTION.name(), query.question());
        if (app.inputs().containsKey(Apps.PASSAGES.name())) {
            inputs.put(Apps.PASSAGES.name(), query.passages());
        }
        if (app.inputs().containsKey(Apps.INDEX.name())) {
            inputs.put(Apps.INDEX.name(), Apps.COLLECTION_READY);
        }
        QueryResult r;
        try {
            r = rt.submit(graph, inputs, deadline).join();
        } catch (CompletionException e) {
            throw new Ayo4jException("query " + query.index() + " failed on " + name + ": "
                    + e.getCause().getMessage(), e.getCause());
        }
        long latency = System.nanoTime() - start;
        String answer = (String) r.outputs().getOrDefault(app.outputs().getFirst(), "");
        return new QueryOutcome(query.index(), latency, answer, contextIds(r.outputs().get("context")),
                r.criticalPathNanos(), r.lowerBoundNanos(), r.endToEndNanos(),
                r.warmUps(), spans(r.trace()));
    }

    @Override
    public void end() {
        if (runtime != null) {
            runtime.close();
            runtime = null;
        }
    }

    /** The query's sizes, as the demo estimates them: about 4 tokens per 3 words. */
    static QueryShape shape(BenchQuery q) {
        int questionTokens = Math.max(1, words(q.question()) * 4 / 3);
        if (q.passages().isEmpty()) {
            return new QueryShape(0, 1, questionTokens);
        }
        int avgWords = q.passages().stream().mapToInt(p -> words(p.text())).sum() / q.passages().size();
        return new QueryShape(q.passages().size(), Math.max(1, avgWords * 4 / 3), questionTokens);
    }

    private static int words(String s) {
        return s.isBlank() ? 0 : s.strip().split("\\s+").length;
    }

    static List<String> contextIds(@Nullable Object context) {
        if (!(context instanceof List<?> list)) {
            return List.of();
        }
        List<String> ids = new ArrayList<>();
        for (Object o : list) {
            if (o instanceof Passage p) {
                ids.add(p.id());
            }
        }
        return ids;
    }

    private static List<Span> spans(List<TraceEvent> trace) {
        long origin = trace.stream().mapToLong(TraceEvent::enqueueNanos).min().orElse(0);
        return trace.stream().filter(e -> !e.engine().equals(TraceEvent.LOCAL))
                .filter(e -> e.outcome() == TraceEvent.Outcome.OK)
                .map(e -> new Span(e.nodeId(), e.engine(), e.startNanos() - origin, e.endNanos() - origin))
                .toList();
    }
}
