// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/** Closing what was opened: undoing a half-done start after a failure, and stopping an executor. */
public final class Closing {
    private Closing() {}

    /**
     * Closes each of {@code resources} in their order, after {@code failure} has stopped what opened them, and
     * adds what each close throws (an {@link Exception}; an {@link Error} propagates) to {@code failure} as
     * suppressed; returns {@code failure}, for {@code throw Closing.closeAll(e, opened)}.
     */
    public static <T extends Throwable> T closeAll(T failure, Iterable<? extends AutoCloseable> resources) {
        Objects.requireNonNull(failure, "failure");
        for (AutoCloseable r : resources) {
            try {
                r.close();
            } catch (Exception suppressed) {
                failure.addSuppressed(suppressed);
            }
        }
        return failure;
    }

    /**
     * Shuts {@code executor} down (no new tasks) and waits up to {@code timeout} for the tasks it holds to end;
     * an interrupt ends the wait and stays set on the calling thread.
     */
    public static void shutdownAndAwait(ExecutorService executor, Duration timeout) {
        executor.shutdown();
        try {
            executor.awaitTermination(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
