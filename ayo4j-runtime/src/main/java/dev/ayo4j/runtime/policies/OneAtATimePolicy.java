// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.runtime.policies;

import dev.ayo4j.spi.BatchDecision;
import dev.ayo4j.spi.BatchPolicy;
import dev.ayo4j.spi.QueueView;

/** Batch policy that sends one task at a time and never two at once: the sequential baseline. */
enum OneAtATimePolicy implements BatchPolicy {
    INSTANCE;

    @Override
    public BatchDecision decide(QueueView queue, long nowNanos) {
        return queue.size() == 0 || queue.inFlight() > 0 ? BatchDecision.idle() : BatchDecision.dispatch(1);
    }
}
