// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.runtime;

import dev.ayo4j.primitive.Primitive;
import dev.ayo4j.runtime.GraphPlan.Link;
import java.util.ArrayList;
import java.util.List;

/**
 * The one place that decides whether a warm-up ({@code PartialPrefill}) is still worth sending: not once
 * the prompt it prepares is complete, because then it could only queue ahead of the full prefill. It is
 * asked when a warm-up would start ({@link #skipOnStart}) and, for warm-ups still queued at their engine,
 * after every node settles ({@link #late}); it reads the run through a {@link RunView} and changes nothing
 * in it. Disabled, it never skips.
 */
final class WarmUpGuard {
    /** What the guard reads of a run. */
    interface RunView {
        /** Whether node {@code i} is done or absent: its value is final. */
        boolean settled(int i);

        /** Whether node {@code i} has started and not settled. */
        boolean running(int i);
    }

    private final GraphPlan plan;
    private final boolean enabled;
    private final RunView run;
    private final List<Integer> queued = new ArrayList<>(2);

    WarmUpGuard(GraphPlan plan, boolean enabled, RunView run) {
        this.plan = plan;
        this.enabled = enabled;
        this.run = run;
    }

    /** Whether warm-up {@code i}, about to be submitted, should be skipped instead. */
    boolean skipOnStart(int i) {
        return enabled && promptComplete(i);
    }

    /** Warm-up {@code i} was submitted to its engine. */
    void submitted(int i) {
        if (enabled) {
            queued.add(i);
        }
    }

    /** Node {@code i} settled. */
    void settled(int i) {
        queued.remove(Integer.valueOf(i));
    }

    /** The queued warm-ups whose prompt has become complete: to withdraw from their engine, if still queued. */
    List<Integer> late() {
        if (queued.isEmpty()) {
            return List.of();
        }
        List<Integer> late = new ArrayList<>(1);
        for (int j : queued) {
            if (run.running(j) && promptComplete(j)) {
                late.add(j);
            }
        }
        return late;
    }

    /**
     * Whether every input of the prompt that warm-up {@code i} prepares (the Prefill at the end of its chain
     * of warmup edges) is already final, warm-ups aside.
     */
    private boolean promptComplete(int i) {
        int at = i;
        while (plan.nodes[at].op() instanceof Primitive.PartialPrefill) {
            int next = -1;
            for (Link l : plan.out.get(at)) {
                if (Primitive.PartialPrefill.WARMUP.name().equals(l.toPort())) {
                    next = l.to();
                    break;
                }
            }
            if (next < 0) {
                return false;
            }
            at = next;
        }
        for (Link l : plan.in.get(at)) {
            if (!Primitive.PartialPrefill.WARMUP.name().equals(l.toPort()) && !run.settled(l.from())) {
                return false;
            }
        }
        return true;
    }
}
