// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.runtime.dispatch;

import java.util.Objects;

/**
 * One unit of work offered to a {@link DispatchCore}: the shell's item plus the keys the core orders and
 * batches it by.
 *
 * @param item            the shell's item, handed back in {@link Action.Run}
 * @param group           what {@link DispatchCore#cancel} withdraws it with (a query, a request)
 * @param priority        larger is served first (the runtime uses the remaining critical path in ms)
 * @param groupStartNanos when its group started; older is served first among equal priorities
 * @param tokens          estimated input tokens, for token-budget and length-aware policies
 * @param items           items in the work (texts to embed, passages to rerank); 1 for most
 * @param warmUp          whether it only warms a prompt cache (see {@code QueueView.Entry#warmUp})
 */
public record Work<T>(T item, Object group, double priority, long groupStartNanos, int tokens, int items,
                      boolean warmUp) {
    public Work {
        Objects.requireNonNull(item, "item");
        Objects.requireNonNull(group, "group");
    }

    /** Work served in arrival order: no priority, one item of {@code tokens} tokens. */
    public static <T> Work<T> inArrivalOrder(T item, Object group, int tokens) {
        return new Work<>(item, group, 0, 0, tokens, 1, false);
    }
}
