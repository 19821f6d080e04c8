// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.runtime;

import dev.ayo4j.Ayo4jException;
import dev.ayo4j.NonRetriableEngineException;
import dev.ayo4j.primitive.Primitive;
import dev.ayo4j.runtime.dispatch.Action;
import dev.ayo4j.runtime.dispatch.DispatchCore;
import dev.ayo4j.runtime.dispatch.Work;
import dev.ayo4j.spi.Batch;
import dev.ayo4j.spi.BatchPolicy;
import dev.ayo4j.spi.Engine;
import dev.ayo4j.spi.Generation;
import dev.ayo4j.spi.Task;
import dev.ayo4j.spi.TaskId;
import dev.ayo4j.spi.TaskResult;
import dev.ayo4j.spi.Ticker;
import dev.ayo4j.spi.TraceContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Engine scheduler: the shell that gives one engine's {@link DispatchCore} a lock, an owner thread and batch
 * threads, batching tasks across queries. Its one job is doing what the core decides; deciding is the core's.
 *
 * <p>The core orders tasks by their remaining critical path (largest first: the primitive whose query has
 * the longest way to go is served first), then by their query's start (older first), then by arrival.
 * The owner virtual thread sleeps on a condition and is woken by a submission, a completion, a
 * cancellation or {@link #wakeUp()}; it then ticks the core and waits with a timeout only until a deadline
 * the {@link BatchPolicy} asked for, so nothing polls. The core keeps at most {@code maxConcurrency} batches
 * in flight; each runs on a platform thread of the scheduler's pool, and every task's result goes to its
 * callback. An engine that throws fails every task of its batch, naming the engine, the primitives and the
 * cause, and the scheduler goes on.
 *
 * <p>Thread-safe. Callbacks run on the batch's thread after the slot is freed (a task failed because the
 * scheduler is closed hears it on the thread that submitted it or closed the scheduler, or on the owner's),
 * must not block, and never run under the scheduler's lock.
 */
public final class EngineScheduler implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(EngineScheduler.class.getName());

    /** What a callback learns about its task: the result and where and when it ran. */
    record Completion(TaskResult result, long batchId, int batchSize, long startNanos, long endNanos) {}

    /** Told when the batch holding a task begins on the engine; must not block. */
    @FunctionalInterface
    interface OnStart {
        /** Does nothing; the task keeps its trace context. */
        OnStart NONE = (_, _, _, _) -> TraceContext.NONE;

        /**
         * The batch began; returns the trace context the task carries into the engine from now, or {@link
         * TraceContext#NONE} to keep the one it was submitted with. {@code traced}: whether the engine sends
         * its tasks' trace context ({@link Engine#sendsTraceContext()}); when not, the task keeps its own and
         * none need be made.
         */
        TraceContext started(long batchId, int batchSize, long startNanos, boolean traced);
    }

    /** A queued task with its callbacks. */
    record Pending(Task task, OnStart onStart, Consumer<Completion> onDone) {}

    private final Engine engine;
    private final boolean sendsTraceContext;
    private final Ticker ticker;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final DispatchCore<Pending> core;
    private final Consumer<Action<?>> decisions;
    private final ExecutorService batchThreads;
    private final Thread owner;
    private long events;
    private long ticked = -1;
    /** Batches executing on the engine, and since when one has been: the engine's busy time. Under the lock. */
    private int executing;
    private long busySince;
    private long busyNanos;

    /** Starts the scheduler's owner thread for {@code engine}. */
    public EngineScheduler(Engine engine, BatchPolicy policy, Ticker ticker) {
        this(engine, policy, ticker, _ -> { });
    }

    /** As {@link #EngineScheduler(Engine, BatchPolicy, Ticker)}; {@code decisions} hears every action, under the lock. */
    EngineScheduler(Engine engine, BatchPolicy policy, Ticker ticker, Consumer<Action<?>> decisions) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.sendsTraceContext = engine.sendsTraceContext();
        this.ticker = Objects.requireNonNull(ticker, "ticker");
        this.decisions = Objects.requireNonNull(decisions, "decisions");
        this.core = new DispatchCore<>(DispatchCore.Config.shared("engine " + engine.name(),
                engine.capabilities().maxConcurrency(), engine.capabilities().maxBatchSize(),
                Objects.requireNonNull(policy, "policy")), ticker);
        // Batches run on platform threads, reused: engines block in native code (llama.cpp, ONNX Runtime,
        // tokenizers), which pins a virtual thread's carrier. On a 2-core machine two such calls would
        // pin every carrier and stall all other virtual threads, schedulers included.
        this.batchThreads = Executors.newCachedThreadPool(
                Thread.ofPlatform().daemon().name("ayo4j-" + engine.name() + "-batch-", 0).factory());
        this.owner = Thread.ofVirtual().name("ayo4j-" + engine.name() + "-scheduler").start(this::loop);
    }

    /** The engine this scheduler feeds. */
    public Engine engine() {
        return engine;
    }

    /**
     * Queues {@code task}; {@code onDone} receives its result exactly once (a failure if the scheduler is
     * closed), unless the task is withdrawn by {@link #cancel(String)} first.
     *
     * @param priority        remaining critical path in milliseconds; larger is served first
     * @param queryStartNanos when the task's query started; older is served first among equals
     * @param tokens          estimated input tokens, for token-budget policies
     * @param items           items in the task
     */
    void submit(Task task, double priority, long queryStartNanos, int tokens, int items,
                Consumer<Completion> onDone) {
        submit(task, priority, queryStartNanos, tokens, items, OnStart.NONE, onDone);
    }

    /** As {@link #submit(Task, double, long, int, int, Consumer)}; {@code onStart} hears when its batch begins. */
    void submit(Task task, double priority, long queryStartNanos, int tokens, int items, OnStart onStart,
                Consumer<Completion> onDone) {
        Work<Pending> work = new Work<>(new Pending(task, onStart, onDone), task.id().query(), priority,
                queryStartNanos, tokens, items, task.op() instanceof Primitive.PartialPrefill);
        lock.lock();
        try {
            if (core.submit(work)) {
                signal();
                return;
            }
        } finally {
            lock.unlock();
        }
        long now = ticker.read();
        onDone.accept(new Completion(TaskResult.failure(new Ayo4jException("engine scheduler of "
                + engine.name() + " is closed; " + task.op().kindName() + " of " + task.id() + " was not run")),
                -1, 0, now, now));
    }

    /** Withdraws every queued task of {@code query} (tasks in flight run on); returns how many. */
    public int cancel(String query) {
        lock.lock();
        try {
            int n = core.cancel(query).size();
            signal();
            return n;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Withdraws the task {@code id} if it is still queued; returns false if it was dispatched (its
     * callback then comes as usual) or is unknown. A withdrawn task's callback never runs.
     */
    public boolean withdraw(TaskId id) {
        lock.lock();
        try {
            boolean withdrawn = core.withdraw(id.query(), p -> p.task().id().equals(id));
            if (withdrawn) {
                signal();
            }
            return withdrawn;
        } finally {
            lock.unlock();
        }
    }

    /** Queued tasks. */
    public int queued() {
        return locked(core::queued);
    }

    /** Queued tasks of {@code query}. */
    public int queued(String query) {
        return locked(() -> core.queued(query));
    }

    /**
     * Nanoseconds on the ticker during which at least one batch was executing on the engine, since the
     * scheduler started, counting the batches in flight up to now: its rate is the engine's busy fraction.
     */
    public long busyNanos() {
        return locked(() -> executing > 0 ? busyNanos + (ticker.read() - busySince) : busyNanos);
    }

    /** Batches executing on the engine. */
    public int inFlight() {
        return locked(core::inFlight);
    }

    /** Tasks in the batches executing on the engine: the in-flight batch size, summed over its batches. */
    public int inFlightTasks() {
        return locked(core::inFlightItems);
    }

    /** Asks the policy again now, e.g. after a manual ticker moved past a deadline it asked for. */
    public void wakeUp() {
        lock.lock();
        try {
            signal();
        } finally {
            lock.unlock();
        }
    }

    /** Whether the owner thread has ticked the core since the last event (for tests that drive time by hand). */
    boolean settled() {
        return locked(() -> ticked == events);
    }

    private <R> R locked(Supplier<R> read) {
        lock.lock();
        try {
            return read.get();
        } finally {
            lock.unlock();
        }
    }

    /** Stops dispatching and fails the queued tasks; batches in flight finish. Idempotent. */
    @Override
    public void close() {
        List<Pending> left;
        lock.lock();
        try {
            left = core.close();
            signal();
        } finally {
            lock.unlock();
        }
        failClosed(left);
        try {
            owner.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        batchThreads.shutdown();
    }

    /** Under the lock: an event happened, the owner must tick. */
    private void signal() {
        events++;
        changed.signal();
    }

    private void loop() {
        List<Pending> left = List.of();
        lock.lock();
        try {
            while (!core.closed()) {
                ticked = events;
                long wait = Long.MAX_VALUE;
                for (Action<Pending> action : core.tick()) {
                    decisions.accept(action);
                    switch (action) {
                        case Action.Run<Pending> run -> {
                            if (executing++ == 0) {
                                busySince = ticker.read();
                            }
                            batchThreads.execute(() -> run(run.batchId(), run.items()));
                        }
                        case Action.Probe<Pending> _ -> { } // engine scheduler members never go down
                        case Action.WaitUntil<Pending>(long deadline) -> wait = deadline;
                    }
                }
                if (wait == Long.MAX_VALUE) {
                    changed.await();
                } else {
                    long nanos = wait - ticker.read();
                    if (nanos > 0) {
                        changed.awaitNanos(nanos);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            left = core.close();
            lock.unlock();
        }
        failClosed(left);
    }

    private void failClosed(List<Pending> left) {
        long now = ticker.read();
        for (Pending p : left) {
            p.onDone().accept(new Completion(TaskResult.failure(new Ayo4jException("engine scheduler of "
                    + engine.name() + " closed before " + p.task().op().kindName() + " of " + p.task().id()
                    + " ran")), -1, 0, now, now));
        }
    }

    private void run(long id, List<Pending> taken) {
        List<Task> tasks = new ArrayList<>(taken.size());
        long start = ticker.read();
        for (Pending p : taken) {
            Task task = p.task();
            if (p.onStart() != OnStart.NONE) {
                try {
                    TraceContext trace = p.onStart().started(id, taken.size(), start, sendsTraceContext);
                    if (trace != null && !trace.isEmpty()) {
                        task = task.withTrace(trace);
                    }
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.ERROR, "start callback of " + p.task().id() + " failed", e);
                }
            }
            tasks.add(task);
        }
        List<TaskResult> results;
        try {
            results = engine.execute(new Batch(id, tasks));
            if (results == null || results.size() != tasks.size()) {
                results = failAll(tasks.size(), new NonRetriableEngineException("engine " + engine.name()
                        + " returned " + (results == null ? "null" : results.size() + " results") + " for batch "
                        + id + " of " + tasks.size() + " " + kinds(tasks)));
            }
        } catch (Throwable t) {
            results = failAll(tasks.size(), new NonRetriableEngineException("engine " + engine.name()
                    + " failed batch " + id + " of " + tasks.size() + " " + kinds(tasks) + ": " + t, t));
        }
        long end = ticker.read();
        List<Generation> generations = new ArrayList<>(0);
        for (TaskResult r : results) {
            if (r instanceof TaskResult.Success(Generation g, _, _)) {
                generations.add(g);
            }
        }
        lock.lock();
        try {
            if (--executing == 0) {
                busyNanos += ticker.read() - busySince;
            }
            core.complete(id, generations.size());
            signal();
        } finally {
            lock.unlock();
        }
        for (Generation g : generations) {
            g.text().whenComplete((_, _) -> generationEnded());
        }
        for (int i = 0; i < taken.size(); i++) {
            try {
                taken.get(i).onDone().accept(new Completion(results.get(i), id, taken.size(), start, end));
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "callback of " + taken.get(i).task().id() + " failed", e);
            }
        }
    }

    private void generationEnded() {
        lock.lock();
        try {
            core.generationEnded();
            signal();
        } finally {
            lock.unlock();
        }
    }

    private static List<TaskResult> failAll(int n, Throwable cause) {
        TaskResult[] all = new TaskResult[n];
        Arrays.fill(all, TaskResult.failure(cause));
        return Arrays.asList(all);
    }

    private static String kinds(List<Task> tasks) {
        return tasks.stream().map(t -> t.op().kindName()).distinct().toList().toString();
    }

    @Override
    public String toString() {
        return "EngineScheduler(" + engine.name() + ")";
    }
}
