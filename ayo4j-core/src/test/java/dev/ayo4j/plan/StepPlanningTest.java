// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.plan;

import static dev.ayo4j.plan.PlanTesting.count;
import static dev.ayo4j.plan.PlanTesting.plan;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ayo4j.app.App;
import dev.ayo4j.app.Apps;
import dev.ayo4j.app.Module;
import dev.ayo4j.app.QueryShape;
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
        return App.builder("steps")
                .input(Apps.QUESTION.name(), ValueKind.TEXT)
                .input(Apps.PASSAGES.name(), ValueKind.PASSAGE_LIST)
                .then(new Module.Index("index", Apps.PASSAGES.name(), Apps.INDEX.name()))
                .then(new Module.ExpandQuery("expand", Apps.QUESTION.name(), 3, "queries"))
                .then(new Module.Search("search", "queries", Apps.INDEX.name(), 10, "candidates"))
                .then(new Module.Step("recent", "keep-recent", List.of("candidates"), ValueKind.PASSAGE_LIST,
                        "recent"))
                .then(new Module.Rerank("rerank", Apps.QUESTION.name(), "recent", 3, Apps.CONTEXT.name()))
                .then(new Module.Generate("generate", dev.ayo4j.app.Templates.ANSWER_FROM_CONTEXT, 64,
                        Apps.ANSWER.name()))
                .then(new Module.Step("format", "cite", List.of(Apps.ANSWER.name(), Apps.CONTEXT.name()),
                        ValueKind.TEXT, "formatted"))
                .output("formatted")
                .build();
    }

    @Test
    void standardPassesLeaveUserStepsAsTheyAre(TestInfo info) {
        PrimitiveGraph in = app().lower(QueryShape.ofPassages(666));
        Planner.Plan p = plan(Passes.STANDARD, in);
        Golden.assertMatches(info, p.explain());
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
