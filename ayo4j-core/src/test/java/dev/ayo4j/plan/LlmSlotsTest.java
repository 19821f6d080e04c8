// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.plan;

import static dev.ayo4j.plan.PlanTesting.count;
import static dev.ayo4j.plan.PlanTesting.plan;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ayo4j.app.AppOptions;
import dev.ayo4j.app.Apps;
import dev.ayo4j.app.QueryShape;
import dev.ayo4j.graph.PrimitiveGraph;
import dev.ayo4j.primitive.Primitive;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** LLM slots follow the distinct prompt templates of the plans, before and after the passes. */
class LlmSlotsTest {
    private static final PrimitiveGraph ADVANCED = Apps.advancedRag(AppOptions.DEFAULT).lower(QueryShape.ofPassages(666));
    private static final PrimitiveGraph NAIVE = Apps.naiveRag(AppOptions.DEFAULT).lower(QueryShape.ofPassages(666));

    @Test
    void advancedRagSendsItsExpansionAndItsAnswerTemplate() {
        assertThat(LlmSlots.templatesByEngine(ADVANCED)).containsExactly(Map.entry("llm", 2));
        assertThat(LlmSlots.templatesByEngine(NAIVE)).containsExactly(Map.entry("llm", 1));
    }

    @Test
    void warmUpsAndPipelinedBranchesAddNoTemplate() {
        PrimitiveGraph optimized = plan(Passes.STANDARD, ADVANCED).result();
        assertThat(count(optimized, Primitive.PartialPrefill.class)).as("the plan has warm-ups").isPositive();

        assertThat(LlmSlots.templatesByEngine(optimized)).containsExactly(Map.entry("llm", 2));
    }

    @Test
    void slotsAreTheMostTemplatesOfAnyPlanPerQueryAnsweredAtOnce() {
        assertThat(LlmSlots.forPlans(List.of(NAIVE), 1)).isEqualTo(1);
        assertThat(LlmSlots.forPlans(List.of(NAIVE, ADVANCED), 1)).isEqualTo(2);
        assertThat(LlmSlots.forPlans(List.of(ADVANCED), 3)).isEqualTo(6);
        assertThat(LlmSlots.forPlans(List.of(), 1)).isEqualTo(1);
    }
}
