// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.encoders.pool;

import dev.ayo4j.RetriableEngineException;
import dev.ayo4j.runtime.dispatch.Action;
import dev.ayo4j.runtime.dispatch.DispatchCore;
import dev.ayo4j.runtime.dispatch.Work;
import dev.ayo4j.spi.Ticker;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Encoder pool's shell around its {@link DispatchCore}: one job, doing what the core decides. It gives the core
 * a lock and an owner thread that ticks it, runs each batch (and each probe of a member that is down) on that
 * member's own thread, and fills each request's vectors in as its texts' batches finish.
 *
 * <p>The core decides everything else (see {@link DispatchCore} and, in binned mode,
 * {@link dev.ayo4j.encoders.LengthBinLevels}): shared mode has one queue that every member serves; binned mode
 * has one per length bin, with congestion-aware routing and periodic re-allocation of members to bins. A
 * {@link MemberFailedException} puts the member down (exponential back-off, probed before it returns) and its
 * batch back in arrival order; a text runs at most {@code maxAttempts} times. A text is answered at most once;
 * the other queued texts of a request that failed or was cancelled are withdrawn.
 *
 * <p>Threads: the core is ticked under the lock on the thread that delivers each event (a caller's enqueue, a
 * member's end of batch or probe), so a member that finishes gets its next batch without a hand-off; the owner,
 * a virtual thread, sleeps until the next deadline the core asks for (waking at least once a second) or the
 * next event and ticks then, so a deadline is acted on when no event comes. A member's thread is a platform
 * thread for an in-process session (ONNX Runtime blocks in native code, which would pin a virtual thread's
 * carrier), a virtual thread for a remote one. Every time-based decision (back-off, probes, re-allocation, a policy's
 * wait) reads the injected ticker; only a remote member's request timeout is its HTTP client's.
 */
final class Dispatcher {
    private static final System.Logger LOG = System.getLogger(Dispatcher.class.getName());

    /** One text of a request. */
    record Text(Job job, int index, String text) {}

    /** One request: its vectors fill in as batches finish. */
    static final class Job {
        final float[][] out;
        int remaining;
        final CompletableFuture<List<float[]>> future = new CompletableFuture<>();

        Job(int n) {
            out = new float[n][];
            remaining = n;
        }
    }

    private final String pool;
    private final List<Member> members;
    private final int capacity;
    private final int maxAttempts;
    private final Ticker ticker;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final DispatchCore<Text> core;
    private final List<ExecutorService> memberThreads = new ArrayList<>();
    private final Consumer<Action<?>> decisions;
    private final Thread owner;

    Dispatcher(String pool, List<Member> members, Ticker ticker, DispatchCore.Config config, int capacity) {
        this(pool, members, ticker, config, capacity, _ -> { });
    }

    /**
     * As {@link #Dispatcher(String, List, Ticker, DispatchCore.Config, int)}; {@code decisions} hears every
     * action, under the lock (for tests that replay the same decisions in virtual time).
     */
    Dispatcher(String pool, List<Member> members, Ticker ticker, DispatchCore.Config config, int capacity,
               Consumer<Action<?>> decisions) {
        this.decisions = decisions;
        this.pool = pool;
        this.members = List.copyOf(members);
        this.capacity = capacity;
        this.maxAttempts = config.maxAttempts();
        this.ticker = ticker;
        this.core = new DispatchCore<>(config, ticker);
        for (int m = 0; m < members.size(); m++) {
            Thread.Builder tb = members.get(m).blocksInNative() ? Thread.ofPlatform().daemon() : Thread.ofVirtual();
            memberThreads.add(Executors.newSingleThreadExecutor(tb.name(pool + "-member-" + m).factory()));
        }
        this.owner = Thread.ofVirtual().name(pool + "-dispatcher").start(this::loop);
    }

    /** Most texts that may wait at once. */
    int capacity() {
        return capacity;
    }

    /** Queues a request's texts with their token counts; throws {@link OverloadedException} if they do not fit. */
    CompletableFuture<List<float[]>> enqueue(List<String> texts, int[] tokens) {
        Job job = new Job(texts.size());
        lock.lock();
        try {
            if (core.closed()) {
                throw new RetriableEngineException("encoder pool " + pool + " is closed");
            }
            if (core.queued() + texts.size() > capacity) {
                throw new OverloadedException(pool, core.queued(), texts.size(), capacity);
            }
            List<Work<Text>> work = new ArrayList<>(texts.size());
            for (int i = 0; i < texts.size(); i++) {
                work.add(Work.inArrivalOrder(new Text(job, i, texts.get(i)), job, tokens[i]));
            }
            core.submit(work);
            changed();
        } finally {
            lock.unlock();
        }
        // A request failed or cancelled from outside withdraws its texts still queued.
        job.future.whenComplete((_, e) -> {
            if (e != null) {
                withdraw(job);
            }
        });
        return job.future;
    }

    /** Ticks the core now, e.g. after a manual ticker moved past a deadline it asked for. */
    void wakeUp() {
        lock.lock();
        try {
            changed();
        } finally {
            lock.unlock();
        }
    }

    boolean closed() {
        lock.lock();
        try {
            return core.closed();
        } finally {
            lock.unlock();
        }
    }

    /** Stops dispatching, fails every queued text and waits for the members' threads. */
    void close() {
        Set<Job> jobs = new LinkedHashSet<>();
        lock.lock();
        try {
            core.close().forEach(t -> jobs.add(t.job()));
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        RetriableEngineException e = closedBeforeRun();
        jobs.forEach(j -> j.future.completeExceptionally(e));
        try {
            owner.join();
            for (ExecutorService threads : memberThreads) {
                threads.shutdown();
                threads.awaitTermination(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
        }
    }

    /** Queued texts, live members, and live members per bin. */
    EncoderPool.Stats stats() {
        lock.lock();
        try {
            DispatchCore.Stats s = core.stats();
            return new EncoderPool.Stats(members.size(), s.live(), s.queued(), s.membersPerLevel(), s.batches(),
                    s.usefulTokens(), s.paddedTokens(), s.reallocations(), s.memberMoves());
        } finally {
            lock.unlock();
        }
    }

    private void loop() {
        lock.lock();
        try {
            while (!core.closed()) {
                long wait = perform(core.tick());
                if (wait == Long.MAX_VALUE) {
                    changed.await();
                } else {
                    long nanos = wait - ticker.read();
                    if (nanos > 0) {
                        changed.awaitNanos(Math.min(nanos, TimeUnit.SECONDS.toNanos(1)));
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Under the lock, after an event: ticks the core at once on this thread (a member that just finished gets
     * its next batch without waking the owner) and wakes the owner for the deadline of the next tick.
     */
    private void changed() {
        perform(core.tick());
        changed.signalAll();
    }

    /** Hands each run and probe to its member's thread; returns the deadline of the next tick. */
    private long perform(List<Action<Text>> actions) {
        long wait = Long.MAX_VALUE;
        for (Action<Text> action : actions) {
            decisions.accept(action);
            switch (action) {
                case Action.Run<Text> run -> memberThreads.get(run.member()).execute(() -> run(run));
                case Action.Probe<Text>(int m) -> memberThreads.get(m).execute(() -> probe(m));
                case Action.WaitUntil<Text>(long deadline) -> wait = deadline;
            }
        }
        return wait;
    }

    /** On member {@code run.member()}'s thread: encode the batch and report. */
    private void run(Action.Run<Text> run) {
        Member member = members.get(run.member());
        List<Text> batch = run.items();
        List<float[]> vectors;
        try {
            vectors = member.embed(batch.stream().map(Text::text).toList());
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "encoder pool {0}: member {1} failed a batch of {2}: {3}",
                    pool, member.name(), batch.size(), e.toString());
            failed(run.batchId(), batch, e);
            return;
        }
        List<Job> done = new ArrayList<>();
        lock.lock();
        try {
            core.complete(run.batchId(), 0);
            for (int i = 0; i < batch.size(); i++) {
                Text t = batch.get(i);
                if (t.job().out[t.index()] != null) {
                    throw new IllegalStateException("invariant broken: text " + t.index() + " answered twice");
                }
                t.job().out[t.index()] = vectors.get(i);
                if (--t.job().remaining == 0) {
                    done.add(t.job());
                }
            }
            changed();
        } finally {
            lock.unlock();
        }
        done.forEach(j -> j.future.complete(List.of(j.out)));
    }

    /** Batch {@code batchId} failed: re-dispatched if the member is at fault, else its texts fail. */
    private void failed(long batchId, List<Text> batch, RuntimeException cause) {
        boolean memberAtFault = cause instanceof MemberFailedException;
        RuntimeException error = memberAtFault ? new RetriableEngineException(String.format(
                "encoder pool %s: a text failed on %d attempts; last: %s", pool, maxAttempts, cause.getMessage()),
                cause) : cause;
        Set<Job> failed = new LinkedHashSet<>();
        boolean closed;
        lock.lock();
        try {
            core.fail(batchId, memberAtFault).forEach(t -> failed.add(t.job()));
            failed.forEach(core::cancel);
            // A request that ended while this batch ran (failed, cancelled, given up by its caller) is not
            // sent again: its withdrawal then found these texts in flight, not queued.
            for (Text t : batch) {
                if (t.job().future.isDone()) {
                    core.cancel(t.job());
                }
            }
            closed = core.closed();
            changed();
        } finally {
            lock.unlock();
        }
        RuntimeException reported = closed && memberAtFault ? closedBeforeRun() : error;
        failed.forEach(j -> j.future.completeExceptionally(reported));
    }

    private RetriableEngineException closedBeforeRun() {
        return new RetriableEngineException("encoder pool " + pool + " closed before the text ran");
    }

    private void probe(int m) {
        boolean healthy = members.get(m).healthy();
        lock.lock();
        try {
            core.probed(m, healthy);
            changed();
        } finally {
            lock.unlock();
        }
    }

    private void withdraw(Job job) {
        lock.lock();
        try {
            if (!core.cancel(job).isEmpty()) {
                changed();
            }
        } finally {
            lock.unlock();
        }
    }
}
