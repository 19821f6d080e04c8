// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.runtime;

import dev.ayo4j.Ayo4jException;
import dev.ayo4j.NonRetriableEngineException;
import dev.ayo4j.primitive.Primitive;
import dev.ayo4j.spi.Batch;
import dev.ayo4j.spi.BatchDecision;
import dev.ayo4j.spi.BatchPolicy;
import dev.ayo4j.spi.Engine;
import dev.ayo4j.spi.Generation;
import dev.ayo4j.spi.QueueView;
import dev.ayo4j.spi.Task;
import dev.ayo4j.spi.TaskId;
import dev.ayo4j.spi.TaskResult;
import dev.ayo4j.spi.Ticker;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Engine scheduler: the one queue and owner thread of an engine, batching tasks across queries.
 *
 * <p>Tasks are ordered by their remaining critical path (largest first: the primitive whose query has
 * the longest way to go is served first), then by their query's start (older first), then by arrival.
 * The owner virtual thread sleeps on a condition and is woken by a submission, a completion, a
 * cancellation or {@link #wakeUp()}; it waits with a timeout only until a deadline the {@link BatchPolicy}
 * asked for, so nothing polls. While fewer than {@code maxConcurrency} batches are in flight it asks the
 * policy, then runs each batch on its own virtual thread and hands every task's result to its callback.
 * An engine that throws fails every task of its batch, naming the engine, the primitives and the cause,
 * and the scheduler goes on.
 *
 * <p>Thread-safe. Callbacks run on the batch's thread after the slot is freed, must not block, and
 * never run under the scheduler's lock.
 */
public final class EngineScheduler implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(EngineScheduler.class.getName());
    private static final Comparator<Pending> ORDER = Comparator.comparingDouble(Pending::priority).reversed()
            .thenComparingLong(Pending::queryStartNanos).thenComparingLong(Pending::seq);

    /** What a callback learns about its task: the result and where and when it ran. */
    record Completion(TaskResult result, long batchId, int batchSize, long startNanos, long endNanos) {}

    /** Told when the batch holding a task begins on the engine; must not block. */
    @FunctionalInterface
    interface OnStart {
        /** Does nothing. */
        OnStart NONE = (_, _, _) -> { };

        void started(long batchId, int batchSize, long startNanos);
    }

    /** A queued task with its ordering keys and the view a policy sees. */
    private record Pending(Task task, double priority, long queryStartNanos, long seq, QueueView.Entry entry,
                           OnStart onStart, Consumer<Completion> onDone) {}

    private final Engine engine;
    private final BatchPolicy policy;
    private final Ticker ticker;
    private final int maxBatch;
    private final int maxConcurrency;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final TreeSet<Pending> queue = new TreeSet<>(ORDER);
    private final Map<String, List<Pending>> byQuery = new HashMap<>();
    private final View view = new View();
    private final ExecutorService batchThreads;
    private final Thread owner;
    private long seq;
    private long batchIds;
    private int inFlight;
    private int streaming;
    private boolean closed;

    /** Starts the scheduler's owner thread for {@code engine}. */
    public EngineScheduler(Engine engine, BatchPolicy policy, Ticker ticker) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.ticker = Objects.requireNonNull(ticker, "ticker");
        this.maxBatch = engine.capabilities().maxBatchSize();
        this.maxConcurrency = engine.capabilities().maxConcurrency();
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
        lock.lock();
        try {
            if (!closed) {
                Pending p = new Pending(task, priority, queryStartNanos, seq++,
                        new QueueView.Entry(ticker.read(), tokens, items,
                                task.op() instanceof Primitive.PartialPrefill), onStart, onDone);
                queue.add(p);
                byQuery.computeIfAbsent(task.id().query(), _ -> new ArrayList<>(2)).add(p);
                changed.signal();
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
            List<Pending> mine = byQuery.remove(query);
            if (mine == null) {
                return 0;
            }
            for (Pending p : mine) {
                queue.remove(p);
            }
            changed.signal();
            return mine.size();
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
            List<Pending> mine = byQuery.get(id.query());
            if (mine == null) {
                return false;
            }
            for (Pending p : mine) {
                if (p.task().id().equals(id)) {
                    queue.remove(p);
                    forget(p);
                    changed.signal();
                    return true;
                }
            }
            return false;
        } finally {
            lock.unlock();
        }
    }

    /** Queued tasks. */
    public int queued() {
        lock.lock();
        try {
            return queue.size();
        } finally {
            lock.unlock();
        }
    }

    /** Queued tasks of {@code query}. */
    public int queued(String query) {
        lock.lock();
        try {
            List<Pending> mine = byQuery.get(query);
            return mine == null ? 0 : mine.size();
        } finally {
            lock.unlock();
        }
    }

    /** Batches executing on the engine. */
    public int inFlight() {
        lock.lock();
        try {
            return inFlight;
        } finally {
            lock.unlock();
        }
    }

    /** Asks the policy again now, e.g. after a manual ticker moved past a deadline it asked for. */
    public void wakeUp() {
        lock.lock();
        try {
            changed.signal();
        } finally {
            lock.unlock();
        }
    }

    /** Stops dispatching and fails the queued tasks; batches in flight finish. Idempotent. */
    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            changed.signal();
        } finally {
            lock.unlock();
        }
        try {
            owner.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        batchThreads.shutdown();
    }

    private void loop() {
        List<Pending> left;
        lock.lock();
        try {
            while (!closed) {
                if (queue.isEmpty() || inFlight >= maxConcurrency) {
                    changed.await();
                    continue;
                }
                long now = ticker.read();
                view.reset();
                BatchDecision decision;
                try {
                    decision = policy.decide(view, now);
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "batch policy of engine " + engine.name()
                            + " failed; dispatching the head of the queue", e);
                    decision = BatchDecision.dispatch(1);
                }
                switch (decision) {
                    case BatchDecision.Dispatch(int count) -> dispatch(Math.min(count, maxBatch));
                    case BatchDecision.DispatchSelected(List<Integer> indices) -> dispatchSelected(indices);
                    case BatchDecision.WaitUntil(long deadline) -> {
                        if (deadline == Long.MAX_VALUE) {
                            changed.await();
                        } else if (deadline > now) {
                            changed.awaitNanos(deadline - now);
                        } else {
                            // A deadline in the past would spin; the policy meant "now".
                            dispatch(maxBatch);
                        }
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            left = new ArrayList<>(queue);
            queue.clear();
            byQuery.clear();
            closed = true;
            lock.unlock();
        }
        long now = ticker.read();
        for (Pending p : left) {
            p.onDone().accept(new Completion(TaskResult.failure(new Ayo4jException("engine scheduler of "
                    + engine.name() + " closed before " + p.task().op().kindName() + " of " + p.task().id()
                    + " ran")), -1, 0, now, now));
        }
    }

    /** Takes up to {@code count} tasks off the head of the queue and starts their batch. Under the lock. */
    private void dispatch(int count) {
        int n = Math.min(count, queue.size());
        Pending[] taken = new Pending[n];
        for (int i = 0; i < n; i++) {
            Pending p = queue.pollFirst();
            taken[i] = p;
            forget(p);
        }
        start(taken);
    }

    /**
     * Takes the tasks at the policy's chosen view positions (up to {@code maxBatch}, in the order listed)
     * and starts their batch. Under the lock, before the queue changes, so the view still matches it. An
     * index past the queue is the policy's bug: the head of the queue goes instead, as for a failing policy.
     */
    private void dispatchSelected(List<Integer> indices) {
        int n = Math.min(indices.size(), maxBatch);
        int size = queue.size();
        for (int i = 0; i < n; i++) {
            if (indices.get(i) >= size) {
                LOG.log(System.Logger.Level.WARNING, "batch policy of engine " + engine.name() + " selected queue index "
                        + indices.get(i) + " of " + size + " queued; dispatching the head of the queue");
                dispatch(1);
                return;
            }
        }
        Pending[] taken = new Pending[n];
        for (int i = 0; i < n; i++) {
            taken[i] = view.pending(indices.get(i));
        }
        for (Pending p : taken) {
            queue.remove(p);
            forget(p);
        }
        start(taken);
    }

    private void forget(Pending p) {
        List<Pending> mine = byQuery.get(p.task().id().query());
        if (mine != null && mine.remove(p) && mine.isEmpty()) {
            byQuery.remove(p.task().id().query());
        }
    }

    private void start(Pending[] taken) {
        inFlight++;
        long id = ++batchIds;
        batchThreads.execute(() -> run(id, taken));
    }

    private void run(long id, Pending[] taken) {
        List<Task> tasks = new ArrayList<>(taken.length);
        for (Pending p : taken) {
            tasks.add(p.task());
        }
        long start = ticker.read();
        for (Pending p : taken) {
            if (p.onStart() != OnStart.NONE) {
                try {
                    p.onStart().started(id, taken.length, start);
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.ERROR, "start callback of " + p.task().id() + " failed", e);
                }
            }
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
            inFlight--;
            streaming += generations.size();
            changed.signal();
        } finally {
            lock.unlock();
        }
        for (Generation g : generations) {
            g.text().whenComplete((_, _) -> generationEnded());
        }
        for (int i = 0; i < taken.length; i++) {
            try {
                taken[i].onDone().accept(new Completion(results.get(i), id, taken.length, start, end));
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "callback of " + taken[i].task().id() + " failed", e);
            }
        }
    }

    private void generationEnded() {
        lock.lock();
        try {
            streaming--;
            changed.signal();
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

    /**
     * The queue as a policy sees it; entries are read lazily from the head, so a policy that looks at
     * the first few entries costs that much. Used only by the owner thread under the lock.
     */
    private final class View implements QueueView {
        private Pending[] head = new Pending[16];
        private int filled;
        private Iterator<Pending> it;

        void reset() {
            filled = 0;
            it = null;
        }

        @Override
        public int size() {
            return queue.size();
        }

        @Override
        public Entry entry(int i) {
            return pending(i).entry();
        }

        /** The {@code i}-th queued task, read lazily from the head. */
        Pending pending(int i) {
            Objects.checkIndex(i, queue.size());
            if (it == null) {
                it = queue.iterator();
            }
            while (filled <= i) {
                if (filled == head.length) {
                    head = Arrays.copyOf(head, head.length * 2);
                }
                head[filled++] = it.next();
            }
            return head[i];
        }

        @Override
        public int inFlight() {
            return inFlight;
        }

        @Override
        public int streaming() {
            return streaming;
        }
    }
}
