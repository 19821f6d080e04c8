// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.runtime;

import dev.ayo4j.Ayo4jException;
import dev.ayo4j.DeadlineExceededException;
import dev.ayo4j.EngineException;
import dev.ayo4j.NonRetriableEngineException;
import dev.ayo4j.RetriableEngineException;
import dev.ayo4j.graph.Node;
import dev.ayo4j.primitive.Port;
import dev.ayo4j.primitive.Primitive;
import dev.ayo4j.runtime.GraphPlan.Link;
import dev.ayo4j.runtime.trace.MeasuredCriticalPath;
import dev.ayo4j.runtime.trace.TraceEvent;
import dev.ayo4j.runtime.trace.TraceEvent.Outcome;
import dev.ayo4j.spi.Generation;
import dev.ayo4j.spi.Signal;
import dev.ayo4j.spi.Task;
import dev.ayo4j.spi.TaskId;
import dev.ayo4j.spi.TaskInputs;
import dev.ayo4j.spi.TaskResult;
import dev.ayo4j.spi.Ticker;
import dev.ayo4j.spi.TraceContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * Execution of one query's graph as a state machine: its one job is moving nodes from pending to running
 * to done (or absent) as events arrive. A node starts when every COMPLETION input has completed and every
 * STREAM input has published; engine primitives go to their engine's scheduler, the others run in place
 * through {@link LocalOperators} (a user step on a virtual thread of its own); the {@link WarmUpGuard} says which warm-ups to skip or withdraw.
 *
 * <p>Every event (an engine result, an early publication, a decoded item, the deadline, a cancellation)
 * runs on the run's {@link EventLoop}, one at a time, so the state below needs no lock. Every path ends
 * the future: success when all nodes are done or skipped, or the first failure, the deadline, or a
 * cancellation, which withdraws the query's queued tasks and cancels its live generations.
 *
 * <p>A warm-up ({@code PartialPrefill}) that fails, or that the engine reports as not done
 * ({@link Signal#ok()} false), does not fail the query: it completes with a failed signal and the trace
 * outcome {@link Outcome#FELL_BACK}, and the prompt it would have warmed is prefilled as usual.
 */
final class QueryRun {
    private static final byte PENDING = 0;
    private static final byte RUNNING = 1;
    private static final byte DONE = 2;
    private static final byte ABSENT = 3;

    private final String id;
    private final GraphPlan plan;
    private final Map<String, Object> inputs;
    private final Map<String, EngineScheduler> schedulers;
    private final Map<String, StepFunction> steps;
    private final Ticker ticker;
    private final long startNanos;
    private final long deadlineMillis;
    private final CompletableFuture<QueryResult> future = new CompletableFuture<>();
    private final EventLoop events = new EventLoop(this::pump,
            ex -> fail(new Ayo4jException("query " + id() + ": internal error: " + ex, ex)));
    private volatile DeadlineTimer.@Nullable Handle deadline;

    // Confined to the thread that drains the events.
    private final int[] completionDeps;
    private final int[] streamDeps;
    private final byte[] state;
    private final boolean[] published;
    private final Object[] output;
    private final long[] enqueued;
    private final long[] started;
    private final TraceEvent[] trace;
    private final int[] readyQueue;
    private int readyHead;
    private int readyTail;
    private int unfinished;
    private boolean finished;
    private final List<Generation> generations = new ArrayList<>(2);
    /** Threads of user steps still running: interrupted when the query ends first. */
    private final List<Thread> stepThreads = new ArrayList<>(1);
    private final WarmUpGuard warmUps;
    private final RunListener listener;
    /** The listener's trace context for this query, carried by each of its tasks to its engine. */
    private final TraceContext traceContext;

    QueryRun(String id, GraphPlan plan, Map<String, Object> inputs, Map<String, EngineScheduler> schedulers,
             Map<String, StepFunction> steps, Ticker ticker, long deadlineMillis, boolean skipLateWarmUps,
             RunListener listener) {
        this.steps = steps;
        this.id = id;
        this.listener = listener;
        this.plan = plan;
        this.inputs = inputs;
        this.schedulers = schedulers;
        this.ticker = ticker;
        this.deadlineMillis = deadlineMillis;
        int n = plan.size();
        completionDeps = plan.completionDeps.clone();
        streamDeps = plan.streamDeps.clone();
        state = new byte[n];
        published = new boolean[n];
        output = new Object[n];
        enqueued = new long[n];
        started = new long[n];
        trace = new TraceEvent[n];
        readyQueue = new int[n];
        unfinished = n;
        startNanos = ticker.read();
        traceContext = RunListeners.traceContext(listener, id);
        warmUps = new WarmUpGuard(plan, skipLateWarmUps, new WarmUpGuard.RunView() {
            @Override
            public boolean settled(int i) {
                return state[i] == DONE || state[i] == ABSENT;
            }

            @Override
            public boolean running(int i) {
                return state[i] == RUNNING;
            }
        });
    }

    String id() {
        return id;
    }

    CompletableFuture<QueryResult> future() {
        return future;
    }

    long startNanos() {
        return startNanos;
    }

    /** Starts the nodes without inputs; the deadline (if any) is armed on {@code timer}. */
    void start(@Nullable DeadlineTimer timer) {
        if (timer != null) {
            deadline = timer.schedule(startNanos + deadlineMillis * 1_000_000L, () -> post(this::deadlinePassed));
        }
        post(() -> {
            for (int i = 0; i < plan.size(); i++) {
                check(i);
            }
        });
    }

    /** Fails the query with a {@link QueryCancelledException}, withdrawing its work. */
    void cancel() {
        post(() -> fail(new QueryCancelledException("query " + id + " was cancelled; unfinished: " + unfinishedNodes())));
    }

    private void post(Runnable event) {
        events.post(event);
    }

    private void pump() {
        while (readyHead < readyTail && !finished) {
            int i = readyQueue[readyHead++];
            try {
                begin(i);
            } catch (RuntimeException e) {
                failNode(i, new Ayo4jException(where(i) + " failed: " + e.getMessage(), e));
            }
        }
    }

    private void check(int i) {
        if (state[i] == PENDING && completionDeps[i] == 0 && streamDeps[i] == 0) {
            state[i] = RUNNING;
            enqueued[i] = ticker.read();
            readyQueue[readyTail++] = i;
            if (listener != RunListener.NONE) {
                String engine = plan.engineOf[i] == null ? TraceEvent.LOCAL : plan.engineOf[i];
                RunListeners.deliver(listener, new RunEvent.Ready(id, plan.nodes[i].id().value(),
                        plan.nodes[i].op().kindName(), engine, enqueued[i]));
            }
        }
    }

    private void begin(int i) {
        Node node = plan.nodes[i];
        boolean aggregate = node.op() instanceof Primitive.Aggregate;
        if (!aggregate && anyInputAbsent(i)) {
            long now = ticker.read();
            settle(i, null, local(i, now, now, Outcome.ABSENT));
            return;
        }
        started[i] = ticker.read();
        switch (node.op()) {
            case Primitive.Input in -> settleLocal(i, inputs.get(in.name()));
            case Primitive.Output _ -> settleLocal(i, gather(i).get(Primitive.Output.VALUE));
            case Primitive.Aggregate a -> settleLocal(i, aggregate(i, a));
            case Primitive.Step s -> step(i, s);
            case Primitive.Decode d -> {
                Generation g = generation(i, Primitive.Decode.GENERATION);
                LocalOperators.readAll(g, d.format(), chunk -> token(i, chunk), value -> post(() -> decoded(i, g, value)),
                        cause -> post(() -> generationFailed(i, cause)));
            }
            case Primitive.DecodeItem d -> {
                Generation g = generation(i, Primitive.DecodeItem.GENERATION);
                LocalOperators.readItem(g, d.index(), item -> post(() -> decoded(i, g, item)),
                        () -> post(() -> itemMissing(i)), cause -> post(() -> generationFailed(i, cause)));
            }
            case Primitive.PartialPrefill _ when warmUps.skipOnStart(i) ->
                    skipWarmUp(i, "skipped: the prompt was already complete");
            case Primitive.Embed _, Primitive.Ingest _, Primitive.VectorSearch _, Primitive.Rerank _,
                 Primitive.Prefill _, Primitive.PartialPrefill _ -> submit(i);
        }
    }

    private boolean anyInputAbsent(int i) {
        for (Link l : plan.in.get(i)) {
            if (l.toKind() != null && state[l.from()] == ABSENT) {
                return true;
            }
        }
        return false;
    }

    /** Input values by port, sliced and coerced. */
    private Map<String, Object> gather(int i) {
        List<Link> links = plan.in.get(i);
        Map<String, Object> values = HashMap.newHashMap(links.size() + 1);
        for (Link l : links) {
            if (l.toKind() != null) {
                values.put(l.toPort(), value(l));
            }
        }
        return values;
    }

    private Object value(Link l) {
        Object v = output[l.from()];
        if (l.slice() != null) {
            v = Coercions.slice(v, l.slice());
        }
        return Coercions.coerce(v, l.fromKind(), l.toKind());
    }

    private void submit(int i) {
        Primitive op = plan.nodes[i].op();
        Map<String, Object> in = gather(i);
        if (op instanceof Primitive.Prefill || op instanceof Primitive.PartialPrefill) {
            in.put(TaskInputs.PROMPT, TaskInputs.render(op, in, where(i)));
        }
        int items = switch (op) {
            case Primitive.Embed _ -> ((List<?>) in.get(Primitive.Embed.TEXTS.name())).size();
            case Primitive.Rerank _ -> ((List<?>) in.get(Primitive.Rerank.PASSAGES.name())).size();
            case Primitive.VectorSearch _ -> ((List<?>) in.get(Primitive.VectorSearch.VECTORS.name())).size();
            case Primitive.Ingest _ -> ((List<?>) in.get(Primitive.Ingest.PASSAGES.name())).size();
            default -> 1;
        };
        Task task = new Task(new TaskId(id, plan.nodes[i].id().value()), op, in, v -> post(() -> published(i, v)),
                traceContext);
        if (op instanceof Primitive.PartialPrefill) {
            warmUps.submitted(i);
        }
        EngineScheduler.OnStart onStart = listener == RunListener.NONE ? EngineScheduler.OnStart.NONE
                : (batch, size, at) -> RunListeners.deliver(listener, new RunEvent.Started(id,
                        plan.nodes[i].id().value(), op.kindName(), plan.engineOf[i], batch, size, at));
        schedulers.get(plan.engineOf[i]).submit(task, plan.remainingMs[i], startNanos, plan.tokens[i], items,
                onStart, c -> post(() -> engineDone(i, c)));
    }

    private void published(int i, Object value) {
        if (value instanceof Generation g && !generations.contains(g)) {
            generations.add(g);
            if (finished) {
                g.cancel();
            }
        }
        if (finished || published[i] || state[i] != RUNNING) {
            return;
        }
        published[i] = true;
        output[i] = value;
        for (Link l : plan.out.get(i)) {
            if (l.stream()) {
                streamDeps[l.to()]--;
                check(l.to());
            }
        }
    }

    private void engineDone(int i, EngineScheduler.Completion c) {
        switch (c.result()) {
            case TaskResult.Success(Object value, int tokensIn, int tokensOut) -> {
                if (value instanceof Signal(boolean ok, _) && !ok
                        && plan.nodes[i].op() instanceof Primitive.PartialPrefill && !finished) {
                    settle(i, value, event(i, c, tokensIn, tokensOut, Outcome.FELL_BACK));
                    return;
                }
                if (value instanceof Generation g && !generations.contains(g)) {
                    generations.add(g);
                    if (finished) {
                        g.cancel();
                    }
                }
                if (finished) {
                    return;
                }
                Object out = published[i] ? output[i] : value;
                settle(i, out, event(i, c, tokensIn, tokensOut, Outcome.OK));
            }
            case TaskResult.Failure(Throwable cause) -> {
                if (finished) {
                    return;
                }
                if (plan.nodes[i].op() instanceof Primitive.PartialPrefill) {
                    // A warm-up only speeds the prompt up: without it the prompt is prefilled as usual.
                    settle(i, Signal.failed("warm-up failed: " + cause.getMessage()),
                            event(i, c, 0, 0, Outcome.FELL_BACK));
                    return;
                }
                trace[i] = event(i, c, 0, 0, Outcome.FAILED);
                RunListeners.deliver(listener, new RunEvent.Finished(trace[i]));
                String message = where(i) + " failed: " + cause.getMessage();
                fail(cause instanceof RetriableEngineException ? new RetriableEngineException(message, cause)
                        : new NonRetriableEngineException(message, cause));
            }
        }
    }

    private Generation generation(int i, Port<Generation> port) {
        return port.cast(gather(i).get(port.name()));
    }

    private void token(int i, String chunk) {
        if (listener != RunListener.NONE) {
            RunListeners.deliver(listener, new RunEvent.Token(id, plan.nodes[i].id().value(), chunk));
        }
    }

    private void decoded(int i, Generation g, Object value) {
        if (finished || state[i] != RUNNING) {
            return;
        }
        long now = ticker.read();
        // Decoding runs on the LLM even though the runtime only reads its stream: charge it there.
        String engine = switch (plan.nodes[i].op()) {
            case Primitive.Decode d -> d.engine();
            case Primitive.DecodeItem d -> d.engine();
            default -> TraceEvent.LOCAL;
        };
        settle(i, value, new TraceEvent(id, plan.nodes[i].id().value(), plan.nodes[i].op().kindName(),
                engine, enqueued[i], started[i], now, -1, 1, g.promptTokens(), g.generatedTokens(), Outcome.OK));
    }

    private void itemMissing(int i) {
        if (!finished && state[i] == RUNNING) {
            settle(i, null, local(i, started[i], ticker.read(), Outcome.ABSENT));
        }
    }

    private void generationFailed(int i, Throwable cause) {
        if (!finished) {
            failNode(i, new EngineException(where(i) + ": the generation failed: " + cause.getMessage(), cause));
        }
    }

    private Object aggregate(int i, Primitive.Aggregate a) {
        Object[] byPort = new Object[a.arity()];
        for (Link l : plan.in.get(i)) {
            if (l.toKind() != null && state[l.from()] != ABSENT) {
                byPort[Integer.parseInt(l.toPort().substring(2))] = value(l);
            }
        }
        return LocalOperators.aggregate(a, byPort);
    }

    /**
     * Runs user step {@code i} on a virtual thread of its own, since its function may block, and settles
     * it with the result once that is checked against the step's output kind.
     */
    private void step(int i, Primitive.Step s) {
        StepFunction function = steps.get(s.name());
        if (function == null) {
            throw new IllegalStateException("step '" + s.name() + "' was checked before the run");
        }
        Task task = Task.of(new TaskId(id, plan.nodes[i].id().value()), s, gather(i));
        Thread[] self = new Thread[1];
        self[0] = Thread.ofVirtual().name("ayo4j-step-" + s.name()).unstarted(() -> {
            Object value = null;
            Throwable failure = null;
            try {
                Object result = function.apply(task);
                if (result == null) {
                    throw new IllegalStateException("it returned null, not a " + s.output() + " value");
                }
                value = s.result().cast(result);
            } catch (Throwable t) {
                failure = t;
            }
            Object v = value;
            Throwable f = failure;
            post(() -> stepDone(i, s, self[0], v, f));
        });
        stepThreads.add(self[0]);
        self[0].start();
    }

    private void stepDone(int i, Primitive.Step s, Thread thread, @Nullable Object value, @Nullable Throwable failure) {
        stepThreads.remove(thread);
        if (finished) {
            return;
        }
        if (failure != null) {
            failNode(i, new Ayo4jException(String.format("%s failed: step '%s': %s", where(i), s.name(),
                    failure.getMessage() == null ? failure.toString() : failure.getMessage()), failure));
            return;
        }
        settleLocal(i, value);
    }

    private void settleLocal(int i, Object value) {
        settle(i, value, local(i, started[i], ticker.read(), Outcome.OK));
    }

    private TraceEvent local(int i, long start, long end, Outcome outcome) {
        return new TraceEvent(id, plan.nodes[i].id().value(), plan.nodes[i].op().kindName(), TraceEvent.LOCAL,
                enqueued[i], start, end, -1, 1, 0, 0, outcome);
    }

    private TraceEvent event(int i, EngineScheduler.Completion c, int tokensIn, int tokensOut, Outcome outcome) {
        return new TraceEvent(id, plan.nodes[i].id().value(), plan.nodes[i].op().kindName(), plan.engineOf[i],
                enqueued[i], c.startNanos(), c.endNanos(), c.batchId(), c.batchSize(), tokensIn, tokensOut, outcome);
    }

    /** Marks node {@code i} done (or skipped, when {@code value} is null) and readies its consumers. */
    private void settle(int i, @Nullable Object value, TraceEvent event) {
        warmUps.settled(i);
        state[i] = value == null ? ABSENT : DONE;
        output[i] = value;
        trace[i] = event;
        RunListeners.deliver(listener, new RunEvent.Finished(event));
        unfinished--;
        for (Link l : plan.out.get(i)) {
            if (!l.stream()) {
                completionDeps[l.to()]--;
            } else if (!published[i]) {
                streamDeps[l.to()]--;
            }
            check(l.to());
        }
        published[i] = true;
        if (unfinished == 0) {
            succeed();
        } else {
            withdrawLateWarmUps();
        }
    }

    /**
     * Withdraws the warm-ups still queued (a policy may hold them while the engine is busy) whose prompt
     * has become complete: the full prefill could start now, and would otherwise wait on them.
     */
    private void withdrawLateWarmUps() {
        for (int j : warmUps.late()) {
            if (schedulers.get(plan.engineOf[j]).withdraw(new TaskId(id, plan.nodes[j].id().value()))) {
                skipWarmUp(j, "skipped: the prompt became complete while the warm-up was queued");
            }
        }
    }

    /** Settles warm-up {@code i} as not sent: a done signal, so the prefill it warms goes on at once. */
    private void skipWarmUp(int i, String why) {
        long now = ticker.read();
        settle(i, Signal.done(why), local(i, now, now, Outcome.SKIPPED));
    }

    private void succeed() {
        finished = true;
        cancelDeadline();
        long end = ticker.read();
        Map<String, Object> outputs = new LinkedHashMap<>();
        List<TraceEvent> events = new ArrayList<>(trace.length);
        for (int i = 0; i < plan.size(); i++) {
            if (plan.nodes[i].op() instanceof Primitive.Output o && output[i] != null) {
                outputs.put(o.name(), output[i]);
            }
            events.add(trace[i]);
        }
        QueryResult result = new QueryResult(id, outputs, events, end - startNanos,
                MeasuredCriticalPath.nanos(plan.topo, plan.edgesIn::get, trace));
        RunListeners.deliver(listener, new RunEvent.Succeeded(result));
        future.complete(result);
    }

    private void deadlinePassed() {
        if (!finished) {
            fail(new DeadlineExceededException("query " + id + " passed its deadline of " + deadlineMillis
                    + " ms; unfinished: " + unfinishedNodes()));
        }
    }

    private void failNode(int i, Ayo4jException cause) {
        long now = ticker.read();
        trace[i] = local(i, started[i], now, Outcome.FAILED);
        RunListeners.deliver(listener, new RunEvent.Finished(trace[i]));
        fail(cause);
    }

    private void fail(Throwable cause) {
        if (finished) {
            return;
        }
        finished = true;
        cancelDeadline();
        for (String engine : plan.engines) {
            schedulers.get(engine).cancel(id);
        }
        for (Generation g : generations) {
            g.cancel();
        }
        stepThreads.forEach(Thread::interrupt);
        RunListeners.deliver(listener, new RunEvent.Failed(id, cause));
        future.completeExceptionally(cause);
    }

    private void cancelDeadline() {
        DeadlineTimer.Handle h = deadline;
        if (h != null) {
            h.cancel();
        }
    }

    private String where(int i) {
        Node n = plan.nodes[i];
        String engine = plan.engineOf[i];
        return "query " + id + ": node " + n.id() + " (" + n.op().kindName()
                + (engine == null ? "" : " on engine " + engine) + ")";
    }

    private List<String> unfinishedNodes() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < plan.size() && names.size() < 8; i++) {
            if (state[i] == RUNNING) {
                names.add(plan.nodes[i].id() + " (running)");
            }
        }
        for (int i = 0; i < plan.size() && names.size() < 8; i++) {
            if (state[i] == PENDING) {
                names.add(plan.nodes[i].id().value());
            }
        }
        return names;
    }

    @Override
    public String toString() {
        return "QueryRun(" + id + ", " + plan.graph.name() + ")";
    }
}
