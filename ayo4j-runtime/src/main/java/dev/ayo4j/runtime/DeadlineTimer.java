// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.runtime;

import dev.ayo4j.spi.Ticker;
import java.util.Comparator;
import java.util.TreeSet;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One virtual thread that runs actions when the ticker passes their deadlines: the runtime's query
 * deadlines. It sleeps until the earliest deadline (or until {@link #wakeUp()}), never polls. Actions
 * run on the timer's thread, outside its lock, and must be quick.
 */
final class DeadlineTimer implements AutoCloseable {
    /** A scheduled action; {@link #cancel()} it when it is no longer needed. */
    final class Handle {
        private final long deadline;
        private final long seq;
        private final Runnable action;

        private Handle(long deadline, long seq, Runnable action) {
            this.deadline = deadline;
            this.seq = seq;
            this.action = action;
        }

        void cancel() {
            lock.lock();
            try {
                pending.remove(this);
            } finally {
                lock.unlock();
            }
        }
    }

    private final Ticker ticker;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final TreeSet<Handle> pending = new TreeSet<>(
            Comparator.<Handle>comparingLong(h -> h.deadline).thenComparingLong(h -> h.seq));
    private final Thread thread;
    private long seq;
    private boolean closed;

    DeadlineTimer(Ticker ticker) {
        this.ticker = ticker;
        this.thread = Thread.ofVirtual().name("ayo4j-deadlines").start(this::loop);
    }

    /** Runs {@code action} once the ticker reads {@code deadlineNanos} or later. */
    Handle schedule(long deadlineNanos, Runnable action) {
        lock.lock();
        try {
            Handle h = new Handle(deadlineNanos, seq++, action);
            pending.add(h);
            if (pending.first() == h) {
                changed.signal();
            }
            return h;
        } finally {
            lock.unlock();
        }
    }

    /** Re-reads the ticker now (after a manual ticker moved). */
    void wakeUp() {
        lock.lock();
        try {
            changed.signal();
        } finally {
            lock.unlock();
        }
    }

    private void loop() {
        while (true) {
            Handle due;
            lock.lock();
            try {
                while (true) {
                    if (closed) {
                        return;
                    }
                    if (pending.isEmpty()) {
                        changed.await();
                        continue;
                    }
                    long now = ticker.read();
                    Handle first = pending.first();
                    if (first.deadline <= now) {
                        due = pending.pollFirst();
                        break;
                    }
                    changed.awaitNanos(first.deadline - now);
                }
            } catch (InterruptedException e) {
                return;
            } finally {
                lock.unlock();
            }
            try {
                due.action.run();
            } catch (RuntimeException e) {
                System.getLogger(DeadlineTimer.class.getName()).log(System.Logger.Level.ERROR,
                        "deadline action failed", e);
            }
        }
    }

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
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
