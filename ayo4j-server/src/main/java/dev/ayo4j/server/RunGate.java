package dev.ayo4j.server;

import java.util.concurrent.Semaphore;

/**
 * Admission of runs: at most {@code capacity} at once, and none while the server drains. Beyond capacity
 * a run is refused at once with 429 and {@code Retry-After}, never queued, so that load the engines
 * cannot hold turns into fast refusals instead of a growing queue.
 */
final class RunGate {
    private final int capacity;
    private final Semaphore permits;
    private volatile boolean draining;

    RunGate(int capacity) {
        this.capacity = capacity;
        this.permits = new Semaphore(capacity);
    }

    /** Takes a permit or throws 429 (full) or 503 (draining); the caller must {@link #leave()} once. */
    void enter() {
        if (draining) {
            throw ApiException.unavailable("the server is shutting down", 5);
        }
        if (!permits.tryAcquire()) {
            throw ApiException.overloaded("the server is running " + capacity
                    + " requests, its limit; retry shortly", 1);
        }
    }

    void leave() {
        permits.release();
    }

    /** Runs admitted and not yet finished. */
    int active() {
        return capacity - permits.availablePermits();
    }

    /** Refuses every later run. */
    void drain() {
        draining = true;
    }

    boolean draining() {
        return draining;
    }
}
