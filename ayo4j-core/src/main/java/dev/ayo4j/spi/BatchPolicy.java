// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.spi;

/**
 * Pure function that decides when an engine scheduler dispatches a batch and how large it is.
 *
 * <p>Contract: {@code decide} reads only its arguments (no clock, no I/O, no mutable state), so it can
 * be tested with a hand-driven clock and replayed in a simulator. It is called by the scheduler's
 * owner thread whenever the queue changes, a batch completes, or a requested deadline passes; it
 * should return {@link BatchDecision#idle()} when the queue is empty and must not dispatch more
 * tasks than are queued; a {@link BatchDecision.DispatchSelected} names only indices below
 * {@code queue.size()}. The scheduler enforces the engine's concurrency limit itself.
 */
@FunctionalInterface
public interface BatchPolicy {
    /** Decides for the queue as it is at {@code nowNanos}. */
    BatchDecision decide(QueueView queue, long nowNanos);
}
