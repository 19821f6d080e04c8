// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.spi;

import java.util.List;

/** Tasks an engine scheduler sends to its engine together; {@code id} appears in the trace. */
public record Batch(long id, List<Task> tasks) {
    public Batch {
        tasks = List.copyOf(tasks);
        if (tasks.isEmpty()) {
            throw new IllegalArgumentException("a batch needs at least one task");
        }
    }

    public int size() {
        return tasks.size();
    }
}
