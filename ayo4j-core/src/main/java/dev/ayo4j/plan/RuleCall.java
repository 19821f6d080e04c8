// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.plan;

import dev.ayo4j.graph.GraphBuilder;
import dev.ayo4j.graph.Node;
import dev.ayo4j.graph.PrimitiveGraph;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One firing of a {@link Rule} on one node: gives the rule the matched node, the whole graph and the
 * planner's context, and collects the rewritten graph.
 */
public final class RuleCall {
    private final Rule rule;
    private final Node node;
    private final PrimitiveGraph graph;
    private final PlannerContext context;
    private @Nullable PrimitiveGraph result;

    RuleCall(Rule rule, Node node, PrimitiveGraph graph, PlannerContext context) {
        this.rule = rule;
        this.node = node;
        this.graph = graph;
        this.context = context;
    }

    public Rule rule() {
        return rule;
    }

    /** The matched node. */
    public Node node() {
        return node;
    }

    /** The graph as it was when the rule matched. */
    public PrimitiveGraph graph() {
        return graph;
    }

    public PlannerContext context() {
        return context;
    }

    /** A fresh builder holding a copy of {@link #graph()}, for the rule to edit. */
    public GraphBuilder builder() {
        return graph.toBuilder();
    }

    /** Hands the planner the rewritten graph; the planner validates it and carries on from it. */
    public void transformTo(GraphBuilder rewritten) {
        Objects.requireNonNull(rewritten, "rewritten");
        if (result != null) {
            throw new IllegalStateException("rule " + rule.name() + " called transformTo twice on " + node.id());
        }
        result = rewritten.buildUnchecked();
    }

    @Nullable PrimitiveGraph result() {
        return result;
    }
}
