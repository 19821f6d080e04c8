// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.runtime;

/**
 * Receives the {@link RunEvent}s of the queries it was given to, as they happen.
 *
 * <p>Threading: called from the runtime's threads (a query's event loop, an engine's batch thread, a
 * generation's streaming thread), possibly concurrently for different queries and, for {@link
 * RunEvent.Token}, concurrently with other events of the same query. It must be thread-safe, return
 * quickly and never block; an exception it throws is logged and dropped, never failing the query.
 */
@FunctionalInterface
public interface RunListener {
    /** A listener that ignores every event; the runtime emits nothing to it. */
    RunListener NONE = _ -> { };

    /** Called once per event. */
    void onEvent(RunEvent event);

    /** A listener that passes each event to {@code this}, then to {@code other}. */
    default RunListener andThen(RunListener other) {
        if (this == NONE) {
            return other;
        }
        if (other == NONE) {
            return this;
        }
        return e -> {
            RunListeners.deliver(this, e);
            RunListeners.deliver(other, e);
        };
    }
}
