// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.engine.llamacpp;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Guard that keeps the native model alive while anyone uses it: requests and generations
 * {@link #enter()} and {@link #exit()}; {@link #close()} refuses new entries, hands back the running
 * generations for aborting, and {@link #awaitIdle()} then waits for every user to leave.
 */
final class Lifecycle {
    private final List<GenerationPump> generations = new ArrayList<>();
    private int users;
    private boolean closed;

    /** Enters as a user; false once closed. */
    synchronized boolean enter() {
        if (closed) {
            return false;
        }
        users++;
        return true;
    }

    /** Enters as a running generation; false once closed. */
    synchronized boolean enter(GenerationPump pump) {
        if (!enter()) {
            return false;
        }
        generations.add(pump);
        return true;
    }

    synchronized void exit() {
        users--;
        if (users == 0) {
            notifyAll();
        }
    }

    synchronized void exit(GenerationPump pump) {
        generations.remove(pump);
        exit();
    }

    synchronized boolean isClosed() {
        return closed;
    }

    /** Refuses new users; returns the generations running now, or null if it was already closed. */
    synchronized @Nullable List<GenerationPump> close() {
        if (closed) {
            return null;
        }
        closed = true;
        return List.copyOf(generations);
    }

    /** Waits until every user has left. */
    synchronized void awaitIdle() {
        boolean interrupted = false;
        while (users > 0) {
            try {
                wait();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
