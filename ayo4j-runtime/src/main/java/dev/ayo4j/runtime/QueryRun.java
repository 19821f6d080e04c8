// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.runtime;

import dev.ayo4j.primitive.Primitive;
import dev.ayo4j.runtime.trace.TraceEvent;
import dev.ayo4j.runtime.trace.TraceEvent.Outcome;
import dev.ayo4j.spi.Generation;
import dev.ayo4j.spi.Signal;
import dev.ayo4j.spi.Task;
import dev.ayo4j.spi.TaskResult;
import dev.ayo4j.spi.Ticker;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * Execution of one query's graph as a state machine. Its one job is advancing the run's state: an event
 * comes in, nodes move from pending to running to done (or absent), and the actions that follow go out to
 * collaborators, which do them. A node starts when {@link Readiness} has it ready: every COMPLETION input
 * completed and every STREAM input published. Engine primitives go to their engine's scheduler and user
 * steps to their thread, both through {@link LiveWork}; the others run in place through
 * {@link LocalOperators}. {@link NodeInputs} gathers what a node is given and builds its task,
 * {@link WarmUpGuard} says which warm-ups to skip or withdraw, {@link RunTrace} times the nodes,
 * {@link RunReporter} tells the listener, {@link RunFailures} names the failure, {@link LiveWork} stops what
 * the query set going, and {@link RunResults} assembles the result.
 *
 * <p>Thread model: the run has no thread of its own. Its events arrive on others' threads (the caller of
 * {@link #start} or {@link #cancel}, an engine scheduler's platform batch thread with a result or an early
 * publication, the thread a generation streams on, a user step's virtual thread, the {@link DeadlineTimer}'s
 * virtual thread) and are posted to the run's {@link EventLoop}, which runs them one at a time on whichever
 * posting thread finds it idle: the state below is touched by one thread at a time and needs no lock. Two
 * listener events bypass the loop and read no state of the run: streamed tokens, told on the generation's
 * thread, and a node's start in a batch, told on the batch's thread. Every path ends the future: success
 * when all nodes are done or absent, or the first failure, the deadline, or a cancellation, which withdraws
 * the query's queued tasks and cancels its live generations and steps.
 *
 * <p>A warm-up ({@code PartialPrefill}) that fails, or that the engine reports as not done
 * ({@link Signal#ok()} false), does not fail the query: it completes with a failed signal and the trace
 * outcome {@link Outcome#FELL_BACK}, and the prompt it would have warmed is prefilled as usual.
 */
final class QueryRun {
    private final String id;
    private final GraphPlan plan;
    private final Map<String, Object> inputs;
    private final Ticker ticker;
    private final long startNanos;
    private final long deadlineMillis;
    private final CompletableFuture<QueryResult> future = new CompletableFuture<>();
    private final RunFailures failures;
    private final EventLoop events;

    // Confined to the thread that drains the events.
    private final NodeStates state;
    private final Readiness readiness;
    private final Object[] output;
    private int unfinished;
    private boolean finished;
    private final NodeInputs nodeInputs;
    private final WarmUpGuard warmUps;
    private final RunTrace trace;
    private final RunReporter reporter;
    private final LiveWork live;

    QueryRun(String id, GraphPlan plan, Map<String, Object> inputs, Map<String, EngineScheduler> schedulers,
             Map<String, StepFunction> steps, Ticker ticker, long deadlineMillis, boolean skipLateWarmUps,
             RunListener listener) {
        this.id = id;
        this.plan = plan;
        this.inputs = inputs;
        this.ticker = ticker;
        this.deadlineMillis = deadlineMillis;
        int n = plan.size();
        state = new NodeStates(n);
        output = new Object[n];
        unfinished = n;
        startNanos = ticker.read();
        failures = new RunFailures(id, plan);
        events = new EventLoop(this::pump, ex -> fail(failures.internal(ex)));
        nodeInputs = new NodeInputs(id, plan, output, state::absent);
        trace = new RunTrace(id, plan, ticker);
        reporter = new RunReporter(id, plan, listener);
        readiness = new Readiness(plan, state, i -> reporter.ready(i, trace.ready(i)));
        live = new LiveWork(id, plan, schedulers, steps);
        warmUps = new WarmUpGuard(plan, skipLateWarmUps, state);
    }

    CompletableFuture<QueryResult> future() {
        return future;
    }

    /** Starts the nodes without inputs; the deadline (if any) is armed on {@code timer}. */
    void start(@Nullable DeadlineTimer timer) {
        if (timer != null) {
            live.deadline(timer.schedule(startNanos + deadlineMillis * 1_000_000L, () -> post(this::deadlinePassed)));
        }
        post(readiness::checkAll);
    }

    /** Fails the query with a {@link QueryCancelledException}, withdrawing its work. */
    void cancel() {
        post(() -> fail(failures.cancelled(state::running, state::pending)));
    }

    private void post(Runnable event) {
        events.post(event);
    }

    private void pump() {
        int i;
        while (!finished && (i = readiness.next()) >= 0) {
            try {
                begin(i);
            } catch (RuntimeException e) {
                failNode(i, failures.nodeThrew(i, e));
            }
        }
    }

    private void begin(int i) {
        Primitive op = plan.nodes[i].op();
        if (!(op instanceof Primitive.Aggregate) && nodeInputs.anyAbsent(i)) {
            settle(i, null, trace.instant(i, Outcome.ABSENT));
            return;
        }
        trace.started(i);
        switch (op) {
            case Primitive.Input in -> settleLocal(i, inputs.get(in.name()));
            case Primitive.Output _ -> settleLocal(i, nodeInputs.gather(i).get(Primitive.Output.VALUE));
            case Primitive.Aggregate a -> settleLocal(i, LocalOperators.aggregate(a, nodeInputs.byPort(i, a)));
            case Primitive.Step s -> live.step(s, nodeInputs.stepTask(i, s),
                    (thread, value, failure) -> post(() -> stepDone(i, s, thread, value, failure)));
            case Primitive.Decode d -> {
                Generation g = nodeInputs.generation(i, Primitive.Decode.GENERATION);
                LocalOperators.readAll(g, d.format(), chunk -> reporter.token(i, chunk),
                        value -> post(() -> decoded(i, d.engine(), g, value)),
                        cause -> post(() -> generationFailed(i, cause)));
            }
            case Primitive.DecodeItem d -> {
                Generation g = nodeInputs.generation(i, Primitive.DecodeItem.GENERATION);
                LocalOperators.readItem(g, d.index(), item -> post(() -> decoded(i, d.engine(), g, item)),
                        () -> post(() -> itemMissing(i)), cause -> post(() -> generationFailed(i, cause)));
            }
            case Primitive.PartialPrefill _ when warmUps.skipOnStart(i) ->
                    skipWarmUp(i, "skipped: the prompt was already complete");
            case Primitive.Embed _, Primitive.Ingest _, Primitive.VectorSearch _, Primitive.Rerank _,
                 Primitive.Prefill _, Primitive.PartialPrefill _ -> submit(i);
        }
    }

    private void submit(int i) {
        Task task = nodeInputs.engineTask(i, v -> post(() -> published(i, v)), reporter.traceContext(),
                failures.where(i));
        if (task.op() instanceof Primitive.PartialPrefill) {
            warmUps.submitted(i);
        }
        live.submit(i, task, startNanos, reporter.onStart(i), c -> post(() -> engineDone(i, c)));
    }

    private void published(int i, Object value) {
        if (value instanceof Generation g) {
            live.generation(g);
        }
        if (finished || readiness.published(i) || !state.running(i)) {
            return;
        }
        output[i] = value;
        readiness.publish(i);
    }

    private void engineDone(int i, EngineScheduler.Completion c) {
        boolean warmUp = plan.nodes[i].op() instanceof Primitive.PartialPrefill;
        switch (c.result()) {
            case TaskResult.Success(Object value, int tokensIn, int tokensOut) -> {
                if (value instanceof Signal(boolean ok, _) && !ok && warmUp && !finished) {
                    settle(i, value, trace.engine(i, c, tokensIn, tokensOut, Outcome.FELL_BACK));
                    return;
                }
                if (value instanceof Generation g) {
                    live.generation(g);
                }
                if (!finished) {
                    settle(i, readiness.published(i) ? output[i] : value,
                            trace.engine(i, c, tokensIn, tokensOut, Outcome.OK));
                }
            }
            case TaskResult.Failure(Throwable cause) when finished -> { }
            // A warm-up only speeds the prompt up: without it the prompt is prefilled as usual.
            case TaskResult.Failure(Throwable cause) when warmUp -> settle(i, Signal.failed("warm-up failed: "
                    + cause.getMessage()), trace.engine(i, c, 0, 0, Outcome.FELL_BACK));
            case TaskResult.Failure(Throwable cause) -> {
                reporter.finished(trace.record(i, trace.engine(i, c, 0, 0, Outcome.FAILED)));
                fail(failures.engineFailed(i, cause));
            }
        }
    }

    private void decoded(int i, String engine, Generation g, Object value) {
        if (!finished && state.running(i)) {
            settle(i, value, trace.decoded(i, engine, g));
        }
    }

    private void itemMissing(int i) {
        if (!finished && state.running(i)) {
            settle(i, null, trace.local(i, Outcome.ABSENT));
        }
    }

    private void generationFailed(int i, Throwable cause) {
        if (!finished) {
            failNode(i, failures.generationFailed(i, cause));
        }
    }

    private void stepDone(int i, Primitive.Step s, Thread thread, @Nullable Object value, @Nullable Throwable failure) {
        live.stepDone(thread);
        if (finished) {
            return;
        }
        if (failure != null) {
            failNode(i, failures.stepFailed(i, s.name(), failure));
            return;
        }
        settleLocal(i, value);
    }

    private void settleLocal(int i, Object value) {
        settle(i, value, trace.local(i, Outcome.OK));
    }

    /** Marks node {@code i} done (or absent, when {@code value} is null) and readies its consumers. */
    private void settle(int i, @Nullable Object value, TraceEvent event) {
        warmUps.settled(i);
        state.settle(i, value == null);
        output[i] = value;
        reporter.finished(trace.record(i, event));
        unfinished--;
        readiness.settled(i);
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
            if (live.withdraw(j)) {
                skipWarmUp(j, "skipped: the prompt became complete while the warm-up was queued");
            }
        }
    }

    /** Settles warm-up {@code i} as not sent: a done signal, so the prefill it warms goes on at once. */
    private void skipWarmUp(int i, String why) {
        settle(i, Signal.done(why), trace.instant(i, Outcome.SKIPPED));
    }

    private void succeed() {
        finished = true;
        live.succeeded();
        QueryResult result = RunResults.of(id, plan, output, trace, ticker.read() - startNanos);
        reporter.succeeded(result);
        future.complete(result);
    }

    private void deadlinePassed() {
        if (!finished) {
            fail(failures.deadlinePassed(deadlineMillis, state::running, state::pending));
        }
    }

    private void failNode(int i, Throwable cause) {
        reporter.finished(trace.record(i, trace.local(i, Outcome.FAILED)));
        fail(cause);
    }

    private void fail(Throwable cause) {
        if (finished) {
            return;
        }
        finished = true;
        live.failed();
        reporter.failed(cause);
        future.completeExceptionally(cause);
    }

    @Override
    public String toString() {
        return "QueryRun(" + id + ", " + plan.graph.name() + ")";
    }
}
