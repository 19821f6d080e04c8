// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.plan;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ayo4j.app.AppOptions;
import dev.ayo4j.app.Apps;
import dev.ayo4j.app.QueryShape;
import dev.ayo4j.graph.PrimitiveGraph;
import dev.ayo4j.primitive.Primitive;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.TestInfo;

/**
 * Shortcuts for planner tests: run one rule or a list of passes (against the running test's golden
 * file), the built-in apps' graphs, count nodes of a kind, check a rule configuration's validation.
 */
public final class PlanTesting {
    private PlanTesting() {}

    /** Plans {@code g} with one pass made of {@code rule}, default cost model, validating every step. */
    public static Planner.Plan plan(Rule rule, PrimitiveGraph g) {
        return plan(List.of(new Pass(rule.name(), Program.of(rule))), g);
    }

    /** Plans {@code g} with {@code passes}, default cost model, validating every step. */
    public static Planner.Plan plan(List<Pass> passes, PrimitiveGraph g) {
        return new Planner(passes, PlannerContext.defaults()).optimize(g);
    }

    /** {@link #plan(Rule, PrimitiveGraph)}, asserting that the plan's explain text matches the test's golden file. */
    public static Planner.Plan planGolden(TestInfo info, Rule rule, PrimitiveGraph g) {
        return golden(info, plan(rule, g));
    }

    /** {@link #plan(List, PrimitiveGraph)}, asserting that the plan's explain text matches the test's golden file. */
    public static Planner.Plan planGolden(TestInfo info, List<Pass> passes, PrimitiveGraph g) {
        return golden(info, plan(passes, g));
    }

    private static Planner.Plan golden(TestInfo info, Planner.Plan p) {
        Golden.assertMatches(info, p.explain());
        return p;
    }

    /** The advanced-rag app with default options, lowered for a query over {@code passages} passages. */
    public static PrimitiveGraph advancedRag(int passages) {
        return Apps.advancedRag(AppOptions.DEFAULT).lower(QueryShape.ofPassages(passages));
    }

    /** Nodes of {@code type} in {@code g}. */
    public static int count(PrimitiveGraph g, Class<? extends Primitive> type) {
        return g.nodesOf(type).size();
    }

    /**
     * Asserts that {@code config}, which makes a rule configuration with a bad value, fails with an
     * {@link IllegalArgumentException} whose message contains {@code named} (the setting, or the reason).
     */
    public static void assertConfigRejects(ThrowingCallable config, String named) {
        assertThatThrownBy(config).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(named);
    }
}
