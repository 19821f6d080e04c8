// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ayo4j.NonRetriableEngineException;
import dev.ayo4j.RetriableEngineException;
import dev.ayo4j.plan.cost.CostModel;
import org.junit.jupiter.api.Test;

/** The failures a query fails with, named for the query, the node and its engine. */
class RunFailuresTest {
    private final GraphPlan plan = GraphPlan.of(Fixtures.embedOnly("enc"), CostModel.defaults());
    private final RunFailures failures = new RunFailures("q1", plan);

    private int node(String id) {
        return Fixtures.node(plan, id);
    }

    @Test
    void whereNamesTheQueryTheNodeAndItsEngineIfAny() {
        assertThat(failures.where(node("embed"))).startsWith("query q1: node embed (").endsWith(" on engine enc)");
        assertThat(failures.where(node("question"))).startsWith("query q1: node question (").doesNotContain("engine");
    }

    @Test
    void engineFailureStaysRetriableOnlyWhenTheEngineSaysSo() {
        int embed = node("embed");

        var retriable = failures.engineFailed(embed, new RetriableEngineException("busy"));
        var other = failures.engineFailed(embed, new IllegalStateException("broken"));

        assertThat(retriable).isExactlyInstanceOf(RetriableEngineException.class)
                .hasMessage(failures.where(embed) + " failed: busy");
        assertThat(other).isExactlyInstanceOf(NonRetriableEngineException.class)
                .hasMessage(failures.where(embed) + " failed: broken").hasCauseInstanceOf(IllegalStateException.class);
    }

    @Test
    void stepFailureWithoutMessageNamesTheThrowable() {
        var e = failures.stepFailed(node("embed"), "rewrite", new UnsupportedOperationException());

        assertThat(e).hasMessageEndingWith("failed: step 'rewrite': java.lang.UnsupportedOperationException");
    }

    @Test
    void unfinishedNamesRunningNodesFirstThenPendingOnes() {
        int question = node("question");
        int output = node("output.vectors");

        assertThat(failures.unfinished(i -> i == output, i -> i == question))
                .containsExactly("output.vectors (running)", "question");
        assertThat(failures.cancelled(i -> false, i -> i == question))
                .hasMessage("query q1 was cancelled; unfinished: [question]");
        assertThat(failures.deadlinePassed(250, i -> false, i -> false))
                .hasMessage("query q1 passed its deadline of 250 ms; unfinished: []");
    }

    @Test
    void unfinishedNamesAtMostEightNodes() {
        GraphPlan big = GraphPlan.of(Fixtures.advancedRag(), CostModel.defaults());

        assertThat(new RunFailures("q2", big).unfinished(i -> i % 2 == 0, i -> true)).hasSize(RunFailures.MAX_UNFINISHED);
    }
}
