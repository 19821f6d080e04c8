// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.runtime;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Serial executor of a query run's events: each posted event runs on whichever thread finds the loop idle,
 * one at a time and in order, followed by {@code afterEach}; posting never blocks. The state the events
 * touch is thus confined without a lock (a generation may deliver its chunks while holding its own lock).
 * An event that throws goes to {@code onError}, and the loop goes on.
 */
final class EventLoop {
    private final ConcurrentLinkedQueue<Runnable> events = new ConcurrentLinkedQueue<>();
    private final AtomicInteger wip = new AtomicInteger();
    private final Runnable afterEach;
    private final Consumer<RuntimeException> onError;

    EventLoop(Runnable afterEach, Consumer<RuntimeException> onError) {
        this.afterEach = afterEach;
        this.onError = onError;
    }

    void post(Runnable event) {
        events.add(event);
        if (wip.getAndIncrement() != 0) {
            return;
        }
        int missed = 1;
        do {
            Runnable e;
            while ((e = events.poll()) != null) {
                try {
                    e.run();
                    afterEach.run();
                } catch (RuntimeException ex) {
                    onError.accept(ex);
                }
            }
            missed = wip.addAndGet(-missed);
        } while (missed != 0);
    }
}
