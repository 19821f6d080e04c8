// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.plan;

import static dev.ayo4j.plan.PlanTesting.count;
import static dev.ayo4j.plan.PlanTesting.plan;
import static dev.ayo4j.plan.PlanTesting.planGolden;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ayo4j.app.App;
import dev.ayo4j.app.AppOptions;
import dev.ayo4j.app.Apps;
import dev.ayo4j.app.Module;
import dev.ayo4j.app.QueryShape;
import dev.ayo4j.app.StepApps;
import dev.ayo4j.graph.NodeId;
import dev.ayo4j.graph.PrimitiveGraph;
import dev.ayo4j.plan.rules.CoreRules;
import dev.ayo4j.primitive.Primitive;
import dev.ayo4j.primitive.ValueKind;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * The planner around user steps: they pass through every pass untouched. Golden files live under
 * {@code src/test/resources/dev/ayo4j/plan/golden/StepPlanningTest/}; after an intended change rerun with
 * {@code -Dgolden.update=true}, review the diff and commit it.
 */
class StepPlanningTest {
    /** Search with the question, a user filter step, rerank, answer, a formatting step. */
    private static App app() {
        return StepApps.ragWithSteps("steps", new AppOptions(3, 10, 3, 64));
    }

    @Test
    void standardPassesLeaveUserStepsAsTheyAre(TestInfo info) {
        PrimitiveGraph in = app().lower(QueryShape.ofPassages(666));
        Planner.Plan p = planGolden(info, Passes.STANDARD, in);
        PrimitiveGraph out = p.result();
        assertThat(out.node(NodeId.of("recent"))).isEqualTo(in.node(NodeId.of("recent")));
        assertThat(out.node(NodeId.of("format"))).isEqualTo(in.node(NodeId.of("format")));
        // Decode pipelining matches expand -> embed -> search -> rerank; the step between search and
        // rerank keeps it from rewriting across the user's function.
        assertThat(count(out, Primitive.DecodeItem.class)).isZero();
        assertThat(out.predecessors(NodeId.of("rerank"))).contains(NodeId.of("recent"));
    }

    @Test
    void twoEqualStepsAreNotMerged() {
        PrimitiveGraph in = App.builder("twice")
                .input(Apps.QUESTION.name(), ValueKind.TEXT)
                .then(new Module.Step("first", "lookup", List.of(Apps.QUESTION.name()), ValueKind.TEXT, "a"))
                .then(new Module.Step("second", "lookup", List.of(Apps.QUESTION.name()), ValueKind.TEXT, "b"))
                .output("a").output("b")
                .build().lower(QueryShape.ofPassages(0));
        PrimitiveGraph out = plan(CoreRules.DEDUP, in).result();
        assertThat(count(out, Primitive.Step.class)).isEqualTo(2);
    }
}
