// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.plan;

import dev.ayo4j.Checks;
import dev.ayo4j.PlanningException;
import dev.ayo4j.graph.GraphValidator;
import dev.ayo4j.graph.Litmus;
import dev.ayo4j.graph.Node;
import dev.ayo4j.graph.NodeId;
import dev.ayo4j.graph.PrimitiveGraph;
import java.util.ArrayList;
import java.util.List;

/**
 * Immutable sequence of rule groups, each applied to a fixpoint (or its match limit) before the next,
 * like Calcite's {@code HepProgram}. Built once and reused; per-run state lives in {@link #run}.
 */
public final class Program {
    /** Default limit on rule firings per group. */
    public static final int DEFAULT_MATCH_LIMIT = 10_000;

    private static final System.Logger LOG = System.getLogger(Program.class.getName());

    private record Group(List<Rule> rules, int matchLimit) {}

    private final List<Group> groups;

    private Program(List<Group> groups) {
        this.groups = List.copyOf(groups);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A program of one group holding {@code rules}. */
    public static Program of(Rule... rules) {
        return builder().addGroup(rules).build();
    }

    /** Rules of every group, in order. */
    public List<Rule> rules() {
        return groups.stream().flatMap(g -> g.rules().stream()).toList();
    }

    /** Applies the program to {@code graph}; returns the rewritten graph and how many rules fired. */
    public Outcome run(PrimitiveGraph graph, PlannerContext context) {
        PrimitiveGraph current = graph;
        int total = 0;
        for (Group group : groups) {
            int fired = 0;
            boolean changed = true;
            while (changed) {
                changed = false;
                scan:
                for (NodeId id : current.topologicalOrder()) {
                    Node node = current.node(id);
                    for (Rule rule : group.rules()) {
                        if (!rule.pattern().matches(node, current)) {
                            continue;
                        }
                        RuleCall call = new RuleCall(rule, node, current, context);
                        rule.onMatch(call);
                        PrimitiveGraph next = call.result();
                        if (next == null) {
                            continue;
                        }
                        LOG.log(System.Logger.Level.TRACE, "rule {0} fired on {1}", rule.name(), id);
                        if (context.validateEachStep() && !GraphValidator.validate(next, Litmus.QUIET)) {
                            try {
                                GraphValidator.validate(next, Litmus.THROW);
                            } catch (RuntimeException e) {
                                throw new PlanningException("post-condition failed: rule " + rule.name()
                                        + " on " + id + " produced an invalid graph: " + e.getMessage(), e);
                            }
                        }
                        current = next;
                        fired++;
                        if (fired > group.matchLimit()) {
                            throw new PlanningException("rule " + rule.name() + " still matches after "
                                    + group.matchLimit() + " firings; does it match its own output?");
                        }
                        changed = true;
                        break scan;
                    }
                }
            }
            total += fired;
        }
        return new Outcome(current, total);
    }

    /** A program's result: the graph and the number of rule firings. */
    public record Outcome(PrimitiveGraph graph, int firings) {}

    /** Builder of a {@link Program}. */
    public static final class Builder {
        private final List<Group> groups = new ArrayList<>();
        private int matchLimit = DEFAULT_MATCH_LIMIT;

        private Builder() {}

        /** Limit on firings for the groups added after this call. */
        public Builder matchLimit(int limit) {
            Checks.argument(limit > 0, "match limit must be > 0: %s", limit);
            this.matchLimit = limit;
            return this;
        }

        /** Adds a group: its rules are tried together, node by node, to a fixpoint. */
        public Builder addGroup(Rule... rules) {
            Checks.argument(rules.length > 0, "a rule group needs at least one rule");
            groups.add(new Group(List.of(rules), matchLimit));
            return this;
        }

        /** Adds each rule as its own group, in order. */
        public Builder addRules(Rule... rules) {
            for (Rule r : rules) {
                addGroup(r);
            }
            return this;
        }

        public Program build() {
            Checks.state(!groups.isEmpty(), "a program needs at least one rule group");
            return new Program(groups);
        }
    }
}
