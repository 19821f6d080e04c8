// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.plan;

/**
 * Graph rewrite: a {@link Pattern} and what to do on a match, in the style of Calcite's rules.
 *
 * <p>{@link #onMatch} reads the matched node and graph from the {@link RuleCall} and, if it rewrites,
 * hands the result to {@link RuleCall#transformTo}; it never mutates the graph it was given. A rule
 * must not match its own output again, or the planner stops at the program's match limit and reports
 * the rule. Rules are stateless and thread-safe; configuration lives in a nested {@code Config}
 * record that a {@link ConfiguredRule} holds, and named instances in {@code CoreRules}.
 */
public interface Rule {
    /** Nodes this rule may rewrite. */
    Pattern pattern();

    /** Rewrites the match, or declines by not calling {@link RuleCall#transformTo}. */
    void onMatch(RuleCall call);

    /** Name in explain output and planner logs; the simple class name by default. */
    default String name() {
        return getClass().getSimpleName();
    }
}
