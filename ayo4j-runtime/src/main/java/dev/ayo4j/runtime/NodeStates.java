// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.runtime;

/**
 * Where each node of a query run is in its life: pending, running, then done with a value or absent
 * without one. A node only moves forward: {@link #start} from pending, {@link #settle} from running (or
 * from pending, for a node settled without starting). It is also the read-only view the
 * {@link WarmUpGuard} reads. Confined to the run's event loop.
 */
final class NodeStates implements WarmUpGuard.RunView {
    private static final byte PENDING = 0;
    private static final byte RUNNING = 1;
    private static final byte DONE = 2;
    private static final byte ABSENT = 3;

    private final byte[] state;

    NodeStates(int nodes) {
        state = new byte[nodes];
    }

    /** Moves node {@code i} from pending to running; false, changing nothing, if it was not pending. */
    boolean start(int i) {
        if (state[i] != PENDING) {
            return false;
        }
        state[i] = RUNNING;
        return true;
    }

    /** Node {@code i} is done, or absent when {@code absent}. */
    void settle(int i, boolean absent) {
        state[i] = absent ? ABSENT : DONE;
    }

    boolean pending(int i) {
        return state[i] == PENDING;
    }

    @Override
    public boolean running(int i) {
        return state[i] == RUNNING;
    }

    boolean absent(int i) {
        return state[i] == ABSENT;
    }

    @Override
    public boolean settled(int i) {
        return state[i] == DONE || state[i] == ABSENT;
    }
}
