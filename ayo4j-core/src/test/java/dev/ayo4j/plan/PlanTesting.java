// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.plan;

import dev.ayo4j.graph.PrimitiveGraph;
import dev.ayo4j.primitive.Primitive;
import java.util.List;

/** Shortcuts for planner tests: run one rule or a list of passes, count nodes of a kind. */
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

    /** Nodes of {@code type} in {@code g}. */
    public static int count(PrimitiveGraph g, Class<? extends Primitive> type) {
        return g.nodesOf(type).size();
    }
}
