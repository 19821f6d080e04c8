// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.spi;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Calls one engine a task at a time, as code that drives an engine without the runtime's scheduler
 * (a framework adapter, a baseline) must honour the engine's contract: each call a batch of one task,
 * and at most {@link EngineCapabilities#maxConcurrency()} calls in flight; callers beyond that wait, in
 * arrival order. Thread-safe.
 */
public final class SingleTaskCalls {
    private static final AtomicLong BATCH_IDS = new AtomicLong();

    private final Engine engine;
    private final Semaphore permits;

    /** Calls to {@code engine}. */
    public SingleTaskCalls(Engine engine) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.permits = new Semaphore(engine.capabilities().maxConcurrency(), true);
    }

    /** The engine called. */
    public Engine engine() {
        return engine;
    }

    /** The engine's result for {@code task}; whatever {@link Engine#execute} throws propagates. */
    public TaskResult call(Task task) {
        permits.acquireUninterruptibly();
        try {
            return engine.execute(new Batch(BATCH_IDS.incrementAndGet(), List.of(task))).getFirst();
        } finally {
            permits.release();
        }
    }
}
