// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.runtime;

import dev.ayo4j.Ayo4jException;
import dev.ayo4j.Checks;
import dev.ayo4j.GraphValidationException;
import dev.ayo4j.PlanningException;
import dev.ayo4j.graph.Node;
import dev.ayo4j.graph.PrimitiveGraph;
import dev.ayo4j.plan.cost.CostModel;
import dev.ayo4j.primitive.Primitive;
import dev.ayo4j.primitive.ValueKind;
import dev.ayo4j.runtime.policies.BatchPolicies;
import dev.ayo4j.spi.BatchPolicy;
import dev.ayo4j.spi.Engine;
import dev.ayo4j.spi.EngineCapabilities;
import dev.ayo4j.spi.Signal;
import dev.ayo4j.spi.Ticker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Runs primitive graphs as queries on a set of engines: the facade the CLI, the server and the
 * benchmarks call.
 *
 * {@snippet :
 * try (Ayo4jRuntime runtime = Ayo4jRuntime.builder().engine(llm).engine(embedder).build()) {
 *     QueryResult r = runtime.run(graph, Map.of(Apps.QUESTION.name(), "Why?", Apps.PASSAGES.name(), passages), Duration.ofSeconds(30));
 *     String answer = r.output("answer", String.class);
 * }
 * }
 *
 * <p>Threading: thread-safe; {@link #submit} never blocks and may be called from many threads at once.
 * A query's events run one at a time on whichever thread delivers them: first the caller's ({@code submit}
 * does the in-place work the query can do at once and hands its first tasks to the engine schedulers), then
 * the schedulers' batch threads, the threads generations stream on, and the virtual threads of user steps
 * and of the deadline timer.
 * Errors: a query's future fails with an {@link Ayo4jException}: {@link GraphValidationException} for a
 * bad graph or missing input, {@link PlanningException} for an unknown engine, one that does not serve
 * a primitive, or an unknown user step (all before anything runs), an {@link Ayo4jException} naming the
 * node and step when a user step fails, an {@code EngineException} naming the node, primitive and
 * engine, {@code DeadlineExceededException}, or {@link QueryCancelledException} after
 * {@code future.cancel(...)}. Closing stops the schedulers and closes only the engines it owns.
 */
public final class Ayo4jRuntime implements AutoCloseable {
    /** Default deadline of a query submitted without one. */
    public static final Duration DEFAULT_DEADLINE = Duration.ofMinutes(5);
    /** Default longest wait for a fuller batch of the default policy. */
    public static final Duration DEFAULT_MAX_WAIT = Duration.ofMillis(2);
    private static final int PLAN_CACHE_SIZE = 64;

    private final Map<String, Engine> engines;
    private final Map<String, StepFunction> steps;
    private final Map<String, EngineScheduler> schedulers;
    private final List<Engine> owned;
    private final CostModel costModel;
    private final Ticker ticker;
    private final Duration defaultDeadline;
    private final boolean skipLateWarmUps;
    private final RunListener listener;
    private final DeadlineTimer timer;
    private final AtomicLong queryIds = new AtomicLong();
    private final Map<PrimitiveGraph, GraphPlan> plans = new IdentityHashMap<>();

    private Ayo4jRuntime(Builder b) {
        this.engines = Map.copyOf(b.engines);
        this.steps = Map.copyOf(b.steps);
        this.owned = List.copyOf(b.owned);
        this.costModel = b.costModel;
        this.ticker = b.ticker;
        this.defaultDeadline = b.defaultDeadline;
        this.skipLateWarmUps = b.skipLateWarmUps;
        this.listener = b.listener;
        Map<String, EngineScheduler> s = new HashMap<>();
        for (Engine e : b.engines.values()) {
            BatchPolicy policy = b.policies.getOrDefault(e.name(), b.defaultPolicy.apply(e.capabilities()));
            s.put(e.name(), new EngineScheduler(e, policy, ticker));
        }
        this.schedulers = Map.copyOf(s);
        this.timer = new DeadlineTimer(ticker);
    }

    /** A builder with no engines, the default cost model and the system ticker. */
    public static Builder builder() {
        return new Builder();
    }

    /** Starts a query with the default deadline; see {@link #submit(String, PrimitiveGraph, Map, Duration)}. */
    public CompletableFuture<QueryResult> submit(PrimitiveGraph graph, Map<String, Object> inputs) {
        return submit(graph, inputs, defaultDeadline);
    }

    /** Starts a query with a generated id ({@code q1}, {@code q2}, ...). */
    public CompletableFuture<QueryResult> submit(PrimitiveGraph graph, Map<String, Object> inputs, Duration deadline) {
        return submit("q" + queryIds.incrementAndGet(), graph, inputs, deadline);
    }

    /**
     * Starts a query of {@code graph} with the values of its inputs by input name ({@code String} for TEXT,
     * {@code List<String>} for TEXT_LIST, {@code List<Passage>} for PASSAGE_LIST, {@link Signal} for
     * SIGNAL). Returns at once; the future completes with the result or fails as the class comment says.
     * Cancelling the future cancels the query.
     */
    public CompletableFuture<QueryResult> submit(String queryId, PrimitiveGraph graph, Map<String, Object> inputs,
                                                 Duration deadline) {
        return submit(queryId, graph, inputs, deadline, RunListener.NONE);
    }

    /**
     * As {@link #submit(String, PrimitiveGraph, Map, Duration)}, and {@code listener} receives the query's
     * {@link RunEvent}s as they happen, after the runtime's own listener (see {@link Builder#listener}).
     * A query rejected before it starts sends no events.
     */
    public CompletableFuture<QueryResult> submit(String queryId, PrimitiveGraph graph, Map<String, Object> inputs,
                                                 Duration deadline, RunListener listener) {
        Objects.requireNonNull(queryId, "queryId");
        Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(deadline, "deadline");
        Map<String, Object> values = Map.copyOf(inputs);
        QueryRun run;
        try {
            GraphPlan plan = plan(graph);
            check(queryId, plan, values);
            run = new QueryRun(queryId, plan, values, schedulers, steps, ticker, Math.max(0, deadline.toMillis()),
                    skipLateWarmUps, this.listener.andThen(listener));
        } catch (Ayo4jException e) {
            return CompletableFuture.failedFuture(e);
        }
        CompletableFuture<QueryResult> future = run.future();
        future.whenComplete((_, t) -> {
            if (t instanceof CancellationException) {
                run.cancel();
            }
        });
        run.start(timer);
        return future;
    }

    /** Runs a query and waits for it; throws the query's {@link Ayo4jException} if it fails. */
    public QueryResult run(PrimitiveGraph graph, Map<String, Object> inputs, Duration deadline) {
        try {
            return submit(graph, inputs, deadline).get();
        } catch (ExecutionException | CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new Ayo4jException("query failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Ayo4jException("interrupted while waiting for a query", e);
        }
    }

    /** Queued tasks on the engine called {@code engine}, for monitoring and tests. */
    public int queued(String engine) {
        return scheduler(engine).queued();
    }

    /** Names of this runtime's engines, sorted. */
    public java.util.SortedSet<String> engineNames() {
        return java.util.Collections.unmodifiableSortedSet(new java.util.TreeSet<>(schedulers.keySet()));
    }

    /** The scheduler of {@code engine}; throws naming the known engines if there is none. */
    public EngineScheduler scheduler(String engine) {
        EngineScheduler s = schedulers.get(engine);
        if (s == null) {
            throw new PlanningException("no engine '" + engine + "'; engines: " + schedulers.keySet());
        }
        return s;
    }

    /** Names of the user steps registered with {@link Builder#step}, which graphs may run. */
    public Set<String> stepNames() {
        return steps.keySet();
    }

    /** The ticker every time in this runtime comes from. */
    public Ticker ticker() {
        return ticker;
    }

    /**
     * Re-reads the ticker now for deadlines and batch waits; the runtime's own timers do this when they
     * fire. Call it after moving a manual ticker.
     */
    public void wakeUp() {
        timer.wakeUp();
        schedulers.values().forEach(EngineScheduler::wakeUp);
    }

    /** Stops the schedulers (queued tasks fail), the deadline timer, and closes owned engines. */
    @Override
    public void close() {
        schedulers.values().forEach(EngineScheduler::close);
        timer.close();
        for (Engine e : owned) {
            e.close();
        }
    }

    private GraphPlan plan(PrimitiveGraph graph) {
        synchronized (plans) {
            GraphPlan p = plans.get(graph);
            if (p != null) {
                return p;
            }
        }
        GraphPlan p = GraphPlan.of(graph, costModel);
        synchronized (plans) {
            if (plans.size() >= PLAN_CACHE_SIZE) {
                plans.clear();
            }
            plans.put(graph, p);
        }
        return p;
    }

    private void check(String queryId, GraphPlan plan, Map<String, Object> values) {
        for (Node n : plan.nodes) {
            String engine = GraphPlan.engineOf(n.op());
            if (engine != null) {
                Engine e = engines.get(engine);
                if (e == null) {
                    throw new PlanningException(String.format("query %s: node %s (%s) needs engine '%s', which "
                            + "this runtime does not have; engines: %s", queryId, n.id(), n.op().kindName(), engine,
                            engines.keySet()));
                }
                if (!e.capabilities().serves(n.op())) {
                    throw new PlanningException(String.format("query %s: engine '%s' does not serve %s (node %s)",
                            queryId, engine, n.op().kindName(), n.id()));
                }
            }
            if (n.op() instanceof Primitive.Step s && !steps.containsKey(s.name())) {
                throw new PlanningException(String.format("query %s: node %s runs step '%s', which this runtime "
                        + "does not have; steps: %s", queryId, n.id(), s.name(), steps.keySet()));
            }
            if (n.op() instanceof Primitive.Input(String name, ValueKind kind)) {
                Object v = values.get(name);
                if (v == null) {
                    throw new GraphValidationException(String.format("query %s: no value for input '%s' (%s); "
                            + "given: %s", queryId, name, kind, values.keySet()));
                }
                boolean fits = switch (kind) {
                    case TEXT -> v instanceof String;
                    case TEXT_LIST, PASSAGE_LIST, VECTOR_LIST -> v instanceof List<?>;
                    case SIGNAL -> v instanceof Signal;
                    case GENERATION -> v instanceof dev.ayo4j.spi.Generation;
                };
                if (!fits) {
                    throw new GraphValidationException(String.format("query %s: input '%s' must be %s, not %s",
                            queryId, name, kind, v.getClass().getSimpleName()));
                }
            }
        }
    }

    /** Builder of an {@link Ayo4jRuntime}; {@link #build()} checks the policies name known engines. */
    public static final class Builder {
        private final Map<String, Engine> engines = new LinkedHashMap<>();
        private final Map<String, StepFunction> steps = new LinkedHashMap<>();
        private final List<Engine> owned = new ArrayList<>();
        private final Map<String, BatchPolicy> policies = new HashMap<>();
        private CostModel costModel = CostModel.defaults();
        private Ticker ticker = Ticker.systemTicker();
        private Duration defaultDeadline = DEFAULT_DEADLINE;
        private boolean skipLateWarmUps = true;
        private RunListener listener = RunListener.NONE;
        private Function<EngineCapabilities, BatchPolicy> defaultPolicy = caps -> BatchPolicies.warmUpsWhenIdle(
                BatchPolicies.workConserving(caps.maxBatchSize(), caps.maxBatchTokens(), DEFAULT_MAX_WAIT));

        private Builder() {}

        /** Adds an engine the caller keeps owning (not closed by the runtime). */
        public Builder engine(Engine engine) {
            Checks.argument(!engines.containsKey(engine.name()), "two engines called '%s'", engine.name());
            engines.put(engine.name(), engine);
            return this;
        }

        /** Adds an engine that the runtime closes when it closes. */
        public Builder ownedEngine(Engine engine) {
            engine(engine);
            owned.add(engine);
            return this;
        }

        /**
         * Registers the user function that {@link Primitive.Step}s called {@code name} run (apps name it in
         * a {@code Module.Step}); a query whose graph runs a step not registered here is rejected before
         * anything runs. See {@link StepFunction} for the function's contract.
         */
        public Builder step(String name, StepFunction function) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(function, "function");
            Checks.argument(!name.isBlank(), "a step needs a name");
            Checks.argument(!steps.containsKey(name), "two steps called '%s'", name);
            steps.put(name, function);
            return this;
        }

        /** Cost model whose estimates order engine queues (default: {@link CostModel#defaults()}). */
        public Builder costModel(CostModel model) {
            this.costModel = Objects.requireNonNull(model, "model");
            return this;
        }

        /** Source of time (default: the system ticker). */
        public Builder ticker(Ticker t) {
            this.ticker = Objects.requireNonNull(t, "ticker");
            return this;
        }

        /** The batch policy of the engine called {@code engine}. */
        public Builder policy(String engine, BatchPolicy policy) {
            policies.put(engine, Objects.requireNonNull(policy, "policy"));
            return this;
        }

        /**
         * Policy of engines without one of their own, from their capabilities (default:
         * {@link BatchPolicies#workConserving} with the engine's max batch, token budget and
         * {@link #DEFAULT_MAX_WAIT}, with warm-up prefills held until the engine is otherwise idle,
         * {@link BatchPolicies#warmUpsWhenIdle}).
         */
        public Builder defaultPolicy(Function<EngineCapabilities, BatchPolicy> factory) {
            this.defaultPolicy = Objects.requireNonNull(factory, "factory");
            return this;
        }

        /** Deadline of queries submitted without one (default {@link #DEFAULT_DEADLINE}). */
        public Builder defaultDeadline(Duration d) {
            Checks.argument(d.isPositive(), "default deadline must be positive: %s", d);
            this.defaultDeadline = d;
            return this;
        }

        /**
         * Whether a prompt warm-up ({@code PartialPrefill}) that could only start once every input of its
         * prompt is final is skipped rather than sent (default {@code true}): sent then, it would only
         * queue ahead of the full prefill. Turn it off to observe every warm-up, e.g. in tests of the
         * prompts they carry.
         */
        public Builder skipLateWarmUps(boolean skip) {
            this.skipLateWarmUps = skip;
            return this;
        }

        /**
         * A listener of every query's {@link RunEvent}s (metrics, spans, trace files); add several and each
         * hears every event, in the order added. Default: none, and the runtime emits nothing.
         */
        public Builder listener(RunListener l) {
            this.listener = this.listener.andThen(Objects.requireNonNull(l, "listener"));
            return this;
        }

        public Ayo4jRuntime build() {
            for (String name : policies.keySet()) {
                Checks.argument(engines.containsKey(name), "policy for unknown engine '%s'; engines: %s", name,
                        engines.keySet());
            }
            return new Ayo4jRuntime(this);
        }
    }
}
