// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.runtime.policies;

import dev.ayo4j.spi.QueueView;

/**
 * The longest head of a queue that fits a batch: at most {@code maxBatch} tasks and, beyond the first
 * task (which is always taken, however long), at most {@code maxTokens} estimated input tokens.
 *
 * @param count  tasks in the head
 * @param tokens their estimated input tokens
 */
record QueuePrefix(int count, long tokens) {
    /** The fitting head of a non-empty {@code queue}. */
    static QueuePrefix fitting(QueueView queue, int maxBatch, long maxTokens) {
        long tokens = queue.entry(0).tokens();
        int count = 1;
        while (count < queue.size() && count < maxBatch && tokens + queue.entry(count).tokens() <= maxTokens) {
            tokens += queue.entry(count).tokens();
            count++;
        }
        return new QueuePrefix(count, tokens);
    }
}
