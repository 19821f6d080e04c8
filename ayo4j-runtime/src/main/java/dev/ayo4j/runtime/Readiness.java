// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.runtime;

import dev.ayo4j.runtime.GraphPlan.Link;
import java.util.function.IntConsumer;

/**
 * Which nodes of a query run may begin. For each node it counts the COMPLETION inputs that have yet to
 * complete and the STREAM inputs that have yet to publish, remembers whether the node has published its
 * value, and queues the nodes whose inputs are all there, in the order they became ready. A node is queued
 * once: when nothing is left to wait for and {@link NodeStates#start} moves it from pending to running;
 * {@code onReady} hears it then. Confined to the run's event loop.
 */
final class Readiness {
    private final GraphPlan plan;
    private final NodeStates state;
    private final IntConsumer onReady;
    private final int[] completionDeps;
    private final int[] streamDeps;
    private final boolean[] published;
    private final int[] queue;
    private int head;
    private int tail;

    Readiness(GraphPlan plan, NodeStates state, IntConsumer onReady) {
        this.plan = plan;
        this.state = state;
        this.onReady = onReady;
        completionDeps = plan.completionDeps.clone();
        streamDeps = plan.streamDeps.clone();
        published = new boolean[plan.size()];
        queue = new int[plan.size()];
    }

    /** Queues, in index order, every node that waits on nothing: the run's first nodes. */
    void checkAll() {
        for (int i = 0; i < plan.size(); i++) {
            check(i);
        }
    }

    /** Whether node {@code i} has published its value, early or by settling. */
    boolean published(int i) {
        return published[i];
    }

    /** Node {@code i} published its value before completing: its STREAM consumers no longer wait on it. */
    void publish(int i) {
        if (published[i]) {
            return;
        }
        published[i] = true;
        for (Link l : plan.out.get(i)) {
            if (l.stream()) {
                streamDeps[l.to()]--;
                check(l.to());
            }
        }
    }

    /** Node {@code i} settled: none of its consumers waits on it any more. */
    void settled(int i) {
        for (Link l : plan.out.get(i)) {
            if (!l.stream()) {
                completionDeps[l.to()]--;
            } else if (!published[i]) {
                streamDeps[l.to()]--;
            }
            check(l.to());
        }
        published[i] = true;
    }

    /** The next queued node to begin, or -1 if none is queued. */
    int next() {
        return head < tail ? queue[head++] : -1;
    }

    private void check(int i) {
        if (completionDeps[i] == 0 && streamDeps[i] == 0 && state.start(i)) {
            queue[tail++] = i;
            onReady.accept(i);
        }
    }
}
