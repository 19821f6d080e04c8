// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ayo4j.plan.cost.CostModel;
import dev.ayo4j.primitive.Primitive;
import dev.ayo4j.runtime.trace.TraceEvent.Outcome;
import dev.ayo4j.testkit.ManualTicker;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The result of a run that succeeded. */
class RunResultsTest {
    private final GraphPlan plan = GraphPlan.of(Fixtures.embedOnly("enc"), CostModel.defaults());
    private final RunTrace trace = new RunTrace("q1", plan, new ManualTicker());

    @Test
    void resultNamesOnlyTheOutputNodesValuesAndKeepsEveryEvent() {
        Object[] outputs = new Object[plan.size()];
        for (int i = 0; i < plan.size(); i++) {
            outputs[i] = plan.nodes[i].op() instanceof Primitive.Output ? List.of(new float[] {1f}) : "value " + i;
            trace.record(i, trace.instant(i, Outcome.OK));
        }

        QueryResult result = RunResults.of("q1", plan, outputs, trace, 42);

        assertThat(result.queryId()).isEqualTo("q1");
        assertThat(result.outputs()).containsOnlyKeys("vectors");
        assertThat(result.trace()).hasSize(plan.size());
        assertThat(result.endToEndNanos()).isEqualTo(42);
    }

    @Test
    void absentOutputIsLeftOut() {
        Object[] outputs = new Object[plan.size()];
        for (int i = 0; i < plan.size(); i++) {
            trace.record(i, trace.instant(i, Outcome.ABSENT));
        }

        assertThat(RunResults.of("q1", plan, outputs, trace, 0).outputs()).isEqualTo(Map.of());
    }
}
