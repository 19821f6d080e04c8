// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ayo4j.plan.cost.CostModel;
import dev.ayo4j.primitive.Primitive;
import dev.ayo4j.spi.Task;
import dev.ayo4j.spi.TaskId;
import dev.ayo4j.spi.TraceContext;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a node is given: its producers' outputs on its ports, coerced, and the task built from them. */
class NodeInputsTest {
    private final GraphPlan plan = GraphPlan.of(Fixtures.embedOnly("enc"), CostModel.defaults());
    private final Object[] outputs = new Object[plan.size()];
    private final boolean[] absent = new boolean[plan.size()];
    private final NodeInputs inputs = new NodeInputs("q1", plan, outputs, i -> absent[i]);

    private int node(String id) {
        return Fixtures.node(plan, id);
    }

    @Test
    void gathersTheProducersOutputCoercedToThePortsKind() {
        outputs[node("question")] = "what is topic 1?";

        assertThat(inputs.gather(node("embed")))
                .isEqualTo(Map.of(Primitive.Embed.TEXTS.name(), List.of("what is topic 1?")));
    }

    @Test
    void engineTaskCarriesTheQuerysIdsItsInputsAndTraceContext() {
        int embed = node("embed");
        outputs[node("question")] = "q";

        Task task = inputs.engineTask(embed, _ -> {}, TraceContext.NONE, "here");

        assertThat(task.id()).isEqualTo(new TaskId("q1", "embed"));
        assertThat(task.op()).isEqualTo(plan.nodes[embed].op());
        assertThat(task.inputs()).containsKey(Primitive.Embed.TEXTS.name());
        assertThat(NodeInputs.items(task)).isEqualTo(1);
    }

    @Test
    void itemsCountTheListAnEncoderPrimitiveCarries() {
        Task task = Task.of(new TaskId("q1", "embed"), plan.nodes[node("embed")].op(),
                Map.of(Primitive.Embed.TEXTS.name(), List.of("a", "b", "c")));

        assertThat(NodeInputs.items(task)).isEqualTo(3);
    }

    @Test
    void anyAbsentOnlyWhenAProducerOfAValueIsAbsent() {
        int embed = node("embed");
        assertThat(inputs.anyAbsent(embed)).isFalse();

        absent[node("question")] = true;

        assertThat(inputs.anyAbsent(embed)).isTrue();
        assertThat(inputs.anyAbsent(node("question"))).isFalse();
    }
}
