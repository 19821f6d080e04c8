// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.api;

/**
 * Receives a streamed run's {@link StreamEvent}s as they happen. Called from the runtime's threads,
 * possibly concurrently: it must be thread-safe, quick and never block (hand events to a queue to do
 * I/O); an exception it throws is logged and dropped, never failing the run.
 */
@FunctionalInterface
public interface StreamListener {
    /** Called once per event. */
    void onEvent(StreamEvent event);
}
