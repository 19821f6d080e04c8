// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.server;

import dev.ayo4j.api.StreamEvent;
import dev.ayo4j.api.StreamListener;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Hands a run's events from the runtime's threads, which must never block, to the request's thread,
 * which writes them to the client. The queue holds at most one run's events (a primitive's few events
 * and the answer's tokens), so it is bounded by the run itself.
 */
final class RunPump implements StreamListener {
    private final BlockingQueue<StreamEvent> events = new LinkedBlockingQueue<>();
    private final boolean primitives;

    /** A pump of all the run's events. */
    RunPump() {
        this(true);
    }

    /**
     * A pump of the run's events, without the primitives' started and finished events unless {@code
     * primitives}: a stream that shows only the answer then wakes only for its tokens and the end.
     */
    RunPump(boolean primitives) {
        this.primitives = primitives;
    }

    @Override
    public void onEvent(StreamEvent event) {
        if (primitives || !(event instanceof StreamEvent.PrimitiveStarted || event instanceof StreamEvent.PrimitiveFinished)) {
            events.add(event);
        }
    }

    /** The next event if one is waiting, else null at once. */
    @Nullable StreamEvent poll() {
        return events.poll();
    }

    /** The next event, or null when none came within {@code wait}. */
    @Nullable StreamEvent next(Duration wait) throws InterruptedException {
        return events.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
    }
}
