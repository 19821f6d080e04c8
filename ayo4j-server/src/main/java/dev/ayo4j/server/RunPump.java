package dev.ayo4j.server;

import dev.ayo4j.runtime.RunEvent;
import dev.ayo4j.runtime.RunListener;
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
final class RunPump implements RunListener {
    private final BlockingQueue<RunEvent> events = new LinkedBlockingQueue<>();

    @Override
    public void onEvent(RunEvent event) {
        events.add(event);
    }

    /** The next event, or null when none came within {@code wait}. */
    @Nullable RunEvent next(Duration wait) throws InterruptedException {
        return events.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
    }
}
