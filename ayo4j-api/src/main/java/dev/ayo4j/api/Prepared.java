// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.api;

import dev.ayo4j.primitive.Port;

import dev.ayo4j.Ayo4jException;
import dev.ayo4j.GraphValidationException;
import dev.ayo4j.app.App;
import dev.ayo4j.app.Apps;
import dev.ayo4j.app.Module;
import dev.ayo4j.app.QueryShape;
import dev.ayo4j.graph.PrimitiveGraph;
import dev.ayo4j.plan.Pass;
import dev.ayo4j.plan.Planner;
import dev.ayo4j.plan.cost.CriticalPath;
import dev.ayo4j.primitive.ValueKind;
import dev.ayo4j.runtime.Ayo4jRuntime;
import dev.ayo4j.runtime.QueryResult;
import dev.ayo4j.runtime.RunEvent;
import dev.ayo4j.runtime.RunListener;
import dev.ayo4j.spi.Passage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The {@link PreparedApp} of an {@link Ayo4j}: lowers and plans per run from the inputs' sizes, caching
 * plans by collection and size bucket (exact passage count, token sizes rounded up to a power of two).
 */
final class Prepared implements PreparedApp {
    private static final int PLAN_CACHE_SIZE = 256;
    private static final AtomicLong RUN_IDS = new AtomicLong();

    private final App app;
    private final Ayo4jRuntime runtime;
    private final Planner planner;
    private final Duration deadline;
    private final Set<String> collectionSignals;
    private final String answerKey;
    private final String answerModule;
    private final Map<PlanKey, PrimitiveGraph> plans = new ConcurrentHashMap<>();

    /** What a plan depends on. */
    private record PlanKey(String collection, int passages, int passageTokens, int questionTokens) {}

    Prepared(App app, Ayo4jRuntime runtime, Planner planner, Duration deadline) {
        this.app = app;
        this.runtime = runtime;
        this.planner = planner;
        this.deadline = deadline;
        Set<String> signals = new java.util.HashSet<>();
        for (Module m : app.modules()) {
            if (m instanceof Module.Search s && app.inputs().get(s.index()) == ValueKind.SIGNAL) {
                signals.add(s.index());
            }
        }
        this.collectionSignals = Set.copyOf(signals);
        String key = null;
        for (String out : app.outputs()) {
            if (app.values().get(out) == ValueKind.TEXT) {
                key = out;
                break;
            }
        }
        this.answerKey = key;
        String module = null;
        for (Module m : app.modules()) {
            if (m.into().equals(key)) {
                module = m.name();
            }
        }
        this.answerModule = module;
    }

    @Override
    public String name() {
        return app.name();
    }

    @Override
    public List<Port<?>> inputs() {
        List<Port<?>> keys = new ArrayList<>();
        app.inputs().forEach((n, k) -> {
            if (!collectionSignals.contains(n)) {
                keys.add(Port.of(n, k));
            }
        });
        return keys;
    }

    @Override
    public List<Port<?>> outputs() {
        return app.outputs().stream().<Port<?>>map(o -> Port.of(o, app.values().get(o))).toList();
    }

    @Override
    public String collection() {
        return app.collection();
    }

    @Override
    public Result run(Inputs inputs) {
        try {
            return runAsync(inputs).get();
        } catch (ExecutionException | CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new Ayo4jException("run failed: " + e.getCause(),
                    e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Ayo4jException("interrupted while waiting for a run of " + app.name(), e);
        }
    }

    @Override
    public CompletableFuture<Result> runAsync(Inputs inputs) {
        return start(inputs, RunListener.NONE);
    }

    @Override
    public CompletableFuture<Result> stream(Inputs inputs, StreamListener listener) {
        java.util.Objects.requireNonNull(listener, "listener");
        return start(inputs, event -> {
            switch (event) {
                case RunEvent.Started s -> listener.onEvent(new StreamEvent.PrimitiveStarted(s.queryId(), s.nodeId(),
                        s.primitive(), s.engine(), s.nanos()));
                case RunEvent.Finished f -> listener.onEvent(new StreamEvent.PrimitiveFinished(f.queryId(), f.event()));
                case RunEvent.Token t -> {
                    if (answerModule != null && t.nodeId().startsWith(answerModule + ".")) {
                        listener.onEvent(new StreamEvent.AnswerToken(t.queryId(), t.text()));
                    }
                }
                case RunEvent.Succeeded s -> listener.onEvent(new StreamEvent.Completed(s.queryId(),
                        new Result(app.name(), s.result(), answerKey)));
                case RunEvent.Failed f -> listener.onEvent(new StreamEvent.Failed(f.queryId(), f.cause()));
                case RunEvent.Ready _ -> { }
            }
        });
    }

    private CompletableFuture<Result> start(Inputs inputs, RunListener given) {
        RunListener listener = given.andThen(inputs.listener());
        String runId = "q" + RUN_IDS.incrementAndGet();
        Map<String, Object> values;
        PrimitiveGraph graph;
        try {
            values = values(inputs);
            graph = plan(inputs, values);
        } catch (Ayo4jException e) {
            listener.onEvent(new RunEvent.Failed(runId, e));
            return CompletableFuture.failedFuture(e);
        }
        CompletableFuture<QueryResult> query = runtime.submit(runId, graph, values,
                inputs.deadline().orElse(deadline), listener);
        CompletableFuture<Result> result = query.thenApply(q -> new Result(app.name(), q, answerKey));
        result.whenComplete((_, t) -> {
            if (t instanceof CancellationException) {
                query.cancel(true);
            }
        });
        return result;
    }

    private Map<String, Object> values(Inputs inputs) {
        Map<String, Object> values = new HashMap<>();
        inputs.values().forEach((k, v) -> {
            ValueKind declared = app.inputs().get(k.name());
            if (declared == null) {
                throw new GraphValidationException(String.format("app %s has no input '%s'; inputs: %s", app.name(),
                        k.name(), inputs().stream().map(Port::name).toList()));
            }
            if (declared != k.kind()) {
                throw new GraphValidationException(String.format("app %s: input '%s' is %s, not %s", app.name(),
                        k.name(), declared, k.kind()));
            }
            values.put(k.name(), v);
        });
        for (String s : collectionSignals) {
            values.putIfAbsent(s, Apps.COLLECTION_READY);
        }
        for (var e : app.inputs().entrySet()) {
            if (!values.containsKey(e.getKey())) {
                throw new GraphValidationException(String.format("app %s: missing input '%s' (%s); given: %s",
                        app.name(), e.getKey(), e.getValue(), inputs.values().keySet().stream().map(Port::name)
                                .toList()));
            }
        }
        return values;
    }

    private PrimitiveGraph plan(Inputs inputs, Map<String, Object> values) {
        PlanKey key = key(inputs, values);
        PrimitiveGraph cached = plans.get(key);
        if (cached != null) {
            return cached;
        }
        PrimitiveGraph graph = planner.optimize(lower(key)).result();
        if (plans.size() >= PLAN_CACHE_SIZE) {
            plans.clear();
        }
        plans.put(key, graph);
        return graph;
    }

    private PrimitiveGraph lower(PlanKey key) {
        App a = key.collection().equals(app.collection()) ? app : app.withCollection(key.collection());
        return a.lower(new QueryShape(key.passages(), key.passageTokens(), key.questionTokens()));
    }

    private PlanKey key(Inputs inputs, Map<String, Object> values) {
        int passages = 0;
        long words = 0;
        int questionWords = 1;
        for (var e : app.inputs().entrySet()) {
            Object v = values.get(e.getKey());
            switch (e.getValue()) {
                case PASSAGE_LIST -> {
                    List<?> list = (List<?>) v;
                    passages = Math.max(passages, list.size());
                    for (Object p : list) {
                        words += p instanceof Passage pp ? words(pp.text()) : 1;
                    }
                }
                case TEXT -> questionWords = Math.max(questionWords, words((String) v));
                default -> { }
            }
        }
        int passageTokens = passages == 0 ? 1 : bucket((int) Math.max(1, words * 4 / 3 / passages));
        return new PlanKey(inputs.collection().orElse(app.collection()), passages, passageTokens,
                bucket(Math.max(1, questionWords * 4 / 3)));
    }

    private static int words(String text) {
        String t = text.strip();
        return t.isEmpty() ? 0 : t.split("\\s+").length;
    }

    /** {@code n} rounded up to a power of two. */
    private static int bucket(int n) {
        return n <= 1 ? 1 : Integer.highestOneBit(n - 1) << 1;
    }

    @Override
    public String explain(Inputs inputs) {
        Map<String, Object> values = values(inputs);
        Planner.Plan plan = planner.optimize(lower(key(inputs, values)));
        var model = planner.context().costModel();
        return plan.explain() + String.format("%nestimated critical path: %.0f ms before, %.0f ms after%n",
                CriticalPath.length(plan.input(), model), CriticalPath.length(plan.result(), model));
    }

    @Override
    public String explain() {
        Inputs typical = Inputs.empty();
        for (var e : app.inputs().entrySet()) {
            if (collectionSignals.contains(e.getKey())) {
                continue;
            }
            typical = switch (e.getValue()) {
                case TEXT -> typical.with(Port.text(e.getKey()), "What does a typical question of about twenty "
                        + "words ask of the documents that this app searches and reads?");
                case PASSAGE_LIST -> {
                    List<Passage> ps = new ArrayList<>();
                    for (int i = 0; i < 100; i++) {
                        ps.add(Passage.of("doc#" + i, "word ".repeat(110)));
                    }
                    yield typical.with(Port.passages(e.getKey()), ps);
                }
                case TEXT_LIST -> typical.with(Port.texts(e.getKey()), List.of("a query", "another query"));
                case SIGNAL -> typical.with(Port.signal(e.getKey()), Apps.COLLECTION_READY);
                default -> throw new Ayo4jException("app " + app.name() + ": input " + e.getKey() + " of kind "
                        + e.getValue() + " has no typical value to explain with");
            };
        }
        return explain(typical);
    }

    @Override
    public PreparedApp withPasses(List<Pass> passes) {
        return new Prepared(app, runtime, new Planner(passes, planner.context()), deadline);
    }

    /** Values by name of an app's explain, for tests. */
    Map<String, ValueKind> declaredInputs() {
        return new LinkedHashMap<>(app.inputs());
    }
}
