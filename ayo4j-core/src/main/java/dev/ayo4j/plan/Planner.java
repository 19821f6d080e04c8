// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.plan;

import dev.ayo4j.graph.GraphValidator;
import dev.ayo4j.graph.Litmus;
import dev.ayo4j.graph.PrimitiveGraph;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Optimizes a query's graph by running passes in order, keeping the graph after each pass so that
 * {@link Plan#explain()} can show how every pass reshaped it. The input is validated first, so an
 * invalid graph is rejected before anything is rewritten or run.
 */
public final class Planner {
    private final List<Pass> passes;
    private final PlannerContext context;

    public Planner(List<Pass> passes, PlannerContext context) {
        this.passes = List.copyOf(passes);
        this.context = Objects.requireNonNull(context, "context");
    }

    public List<Pass> passes() {
        return passes;
    }

    public PlannerContext context() {
        return context;
    }

    /** Validates and optimizes {@code graph}. */
    public Plan optimize(PrimitiveGraph graph) {
        GraphValidator.validate(graph, Litmus.THROW);
        List<Step> steps = new ArrayList<>(passes.size());
        PrimitiveGraph current = graph;
        for (Pass pass : passes) {
            Program.Outcome outcome = pass.program().run(current, context);
            current = outcome.graph();
            steps.add(new Step(pass.name(), outcome.firings(), current));
        }
        if (!context.validateEachStep()) {
            GraphValidator.validate(current, Litmus.THROW);
        }
        return new Plan(graph, steps);
    }

    /** The graph after one pass, and how many rule firings the pass made. */
    public record Step(String pass, int firings, PrimitiveGraph graph) {}

    /** An optimized graph with its history. */
    public record Plan(PrimitiveGraph input, List<Step> steps) {
        public Plan {
            steps = List.copyOf(steps);
        }

        /** The optimized graph. */
        public PrimitiveGraph result() {
            return steps.isEmpty() ? input : steps.getLast().graph();
        }

        /** The input graph, then the graph after each pass, as explain text. */
        public String explain() {
            StringBuilder sb = new StringBuilder("== input (").append(input.size()).append(" nodes)\n");
            sb.append(input.explain());
            for (Step s : steps) {
                sb.append("\n== after ").append(s.pass()).append(" (").append(s.firings()).append(" rewrites, ")
                        .append(s.graph().size()).append(" nodes)\n");
                sb.append(s.firings() == 0 ? "  (unchanged)\n" : s.graph().explain());
            }
            return sb.toString();
        }
    }
}
