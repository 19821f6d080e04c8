// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ayo4j.plan.cost.CostModel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which nodes may begin: every COMPLETION input completed and every STREAM input published. */
class ReadinessTest {
    /** question -> prefill ~> decode -> output: the decode reads the prefill's generation as it streams. */
    private final GraphPlan plan = GraphPlan.of(Fixtures.generate(), CostModel.defaults());
    private final NodeStates states = new NodeStates(plan.size());
    private final List<Integer> told = new ArrayList<>();
    private final Readiness readiness = new Readiness(plan, states, told::add);

    private int node(String id) {
        return Fixtures.node(plan, id);
    }

    private List<Integer> drain() {
        List<Integer> ready = new ArrayList<>();
        for (int i = readiness.next(); i >= 0; i = readiness.next()) {
            ready.add(i);
        }
        return ready;
    }

    @Test
    void firstNodesAreTheOnesWithoutInputsStartedAndTold() {
        readiness.checkAll();

        assertThat(drain()).containsExactly(node("question"));
        assertThat(told).containsExactly(node("question"));
        assertThat(states.running(node("question"))).isTrue();
        assertThat(states.pending(node("prefill"))).isTrue();
    }

    @Test
    void completionConsumerWaitsForItsProducerToSettle() {
        readiness.checkAll();
        drain();

        readiness.settled(node("question"));

        assertThat(drain()).containsExactly(node("prefill"));
    }

    @Test
    void streamConsumerStartsWhenItsProducerPublishesAndOnlyOnce() {
        readiness.checkAll();
        drain();
        readiness.settled(node("question"));
        drain();

        assertThat(readiness.published(node("prefill"))).isFalse();
        readiness.publish(node("prefill"));
        readiness.publish(node("prefill"));

        assertThat(readiness.published(node("prefill"))).isTrue();
        assertThat(drain()).containsExactly(node("decode"));
        readiness.settled(node("prefill"));
        assertThat(drain()).isEmpty();
        assertThat(told).containsExactly(node("question"), node("prefill"), node("decode"));
    }

    @Test
    void streamConsumerOfAProducerThatSettlesWithoutPublishingStartsThen() {
        readiness.checkAll();
        drain();
        readiness.settled(node("question"));
        drain();

        readiness.settled(node("prefill"));

        assertThat(readiness.published(node("prefill"))).isTrue();
        assertThat(drain()).containsExactly(node("decode"));
    }

    @Test
    void nodeSettledBeforeItStartedIsNotQueued() {
        states.settle(node("question"), true);

        readiness.checkAll();

        assertThat(drain()).isEmpty();
        assertThat(told).isEmpty();
    }
}
