// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.testkit;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One-shot gate at which a {@link TestingEngine} (or a fake server) holds tasks until the test releases them:
 * for streaming, deadline and cancellation tests that need an engine call to be "in progress".
 *
 * <p>Thread-safe. A task that reaches the gate counts as arrived and blocks until {@link #release()};
 * once released the gate stays open. An interrupted task stops waiting and proceeds.
 */
public final class TestingGate {
    private final CountDownLatch released = new CountDownLatch(1);
    private final AtomicInteger arrived = new AtomicInteger();
    private final Object arrivals = new Object();

    /** A closed gate. */
    public TestingGate() {}

    /**
     * Called by what holds work at the gate (a {@link TestingEngine}, a fake server's handler): records the
     * arrival and blocks until released.
     */
    public void pass() {
        synchronized (arrivals) {
            arrived.incrementAndGet();
            arrivals.notifyAll();
        }
        try {
            released.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Waits until at least {@code count} tasks have arrived, at most {@code timeout} (a guard against a
     * hung test, not a timing assertion); returns whether they did.
     */
    public boolean awaitArrivals(int count, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        synchronized (arrivals) {
            while (arrived.get() < count) {
                long left = end - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(arrivals, left);
            }
            return true;
        }
    }

    /** Tasks that have arrived so far. */
    public int arrivals() {
        return arrived.get();
    }

    /** Opens the gate for good. */
    public void release() {
        released.countDown();
    }
}
