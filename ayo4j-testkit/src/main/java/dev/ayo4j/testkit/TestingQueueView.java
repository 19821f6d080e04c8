// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.testkit;

import dev.ayo4j.Checks;
import dev.ayo4j.spi.QueueView;
import java.util.ArrayList;
import java.util.List;

/**
 * Immutable {@link QueueView} built by hand for batch-policy tests.
 *
 * @param entries  queued tasks in dispatch order
 * @param inFlight batches executing
 * @param streaming generations still producing tokens
 */
public record TestingQueueView(List<Entry> entries, int inFlight, int streaming) implements QueueView {
    public TestingQueueView {
        entries = List.copyOf(entries);
        Checks.argument(inFlight >= 0, "inFlight must be >= 0: %s", inFlight);
        Checks.argument(streaming >= 0, "streaming must be >= 0: %s", streaming);
    }

    /** A view with no generation streaming. */
    public TestingQueueView(List<Entry> entries, int inFlight) {
        this(entries, inFlight, 0);
    }

    /** An empty queue with nothing in flight. */
    public static TestingQueueView empty() {
        return new TestingQueueView(List.of(), 0);
    }

    /** {@code count} tasks of {@code tokens} tokens and one item each, all queued at {@code enqueueNanos}. */
    public static TestingQueueView uniform(int count, long enqueueNanos, int tokens) {
        List<Entry> list = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            list.add(new Entry(enqueueNanos, tokens, 1));
        }
        return new TestingQueueView(list, 0);
    }

    /** This view with {@code n} batches in flight. */
    public TestingQueueView withInFlight(int n) {
        return new TestingQueueView(entries, n, streaming);
    }

    /** This view with {@code n} generations streaming. */
    public TestingQueueView withStreaming(int n) {
        return new TestingQueueView(entries, inFlight, n);
    }

    @Override
    public int size() {
        return entries.size();
    }

    @Override
    public Entry entry(int i) {
        return entries.get(i);
    }
}
