// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The life of each node of a run: pending, running, then done or absent. */
class NodeStatesTest {
    @Test
    void nodeStartsOnceAndOnlyFromPending() {
        NodeStates states = new NodeStates(2);

        assertThat(states.pending(0)).isTrue();
        assertThat(states.start(0)).isTrue();
        assertThat(states.running(0)).isTrue();
        assertThat(states.start(0)).isFalse();
        states.settle(1, false);
        assertThat(states.start(1)).isFalse();
        assertThat(states.settled(1)).isTrue();
    }

    @Test
    void settledNodeIsDoneOrAbsent() {
        NodeStates states = new NodeStates(2);
        states.start(0);
        states.start(1);

        states.settle(0, true);
        states.settle(1, false);

        assertThat(states.absent(0)).isTrue();
        assertThat(states.absent(1)).isFalse();
        assertThat(states.settled(0)).isTrue();
        assertThat(states.settled(1)).isTrue();
        assertThat(states.running(0) || states.running(1)).isFalse();
    }
}
