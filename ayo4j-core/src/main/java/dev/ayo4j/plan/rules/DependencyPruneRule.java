// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.plan.rules;

import dev.ayo4j.graph.Edge;
import dev.ayo4j.graph.Node;
import dev.ayo4j.graph.NodeId;
import dev.ayo4j.graph.PrimitiveGraph;
import dev.ayo4j.plan.ConfiguredRule;
import dev.ayo4j.plan.Pattern;
import dev.ayo4j.plan.RuleCall;
import dev.ayo4j.primitive.Primitive;
import java.util.HashSet;
import java.util.Set;

/**
 * Removes ordering-only edges into a node (Ayo's {@code pruning_dependency}): edges to the
 * {@link dev.ayo4j.graph.PortRef#ORDER} pseudo port, which a module-chain framework adds between
 * consecutive modules whether or not data flows. Without them, independent work starts at once: on
 * advanced-rag, query expansion no longer waits for the passages to be indexed.
 *
 * <p>An ordering edge is kept when its producer's result reaches no output along data edges: there
 * the edge is what keeps the producer's work in the query, and dropping it would orphan the producer.
 */
public final class DependencyPruneRule extends ConfiguredRule<DependencyPruneRule.Config> {
    /**
     * Configuration; {@link #DEFAULT} backs {@code CoreRules.DEPENDENCY_PRUNE}.
     *
     * @param kinds primitive classes whose incoming ordering edges may be pruned
     */
    public record Config(Set<Class<? extends Primitive>> kinds) {
        /** Prunes ordering edges into every kind of primitive. */
        public static final Config DEFAULT = new Config(RuleSupport.ALL_KINDS);

        public Config {
            kinds = RuleSupport.kinds(kinds);
        }

        public Config withKinds(Set<Class<? extends Primitive>> k) {
            return new Config(k);
        }

        public DependencyPruneRule toRule() {
            return new DependencyPruneRule(this);
        }
    }

    private DependencyPruneRule(Config config) {
        super(config);
    }

    @Override
    public Pattern pattern() {
        return RuleSupport.patternOf(config().kinds(),
                (node, g) -> !RuleSupport.orderIn(g, node.id()).isEmpty());
    }

    @Override
    public void onMatch(RuleCall call) {
        Node node = call.node();
        PrimitiveGraph g = call.graph();
        Set<NodeId> live = g.reachingOutputs(Edge::carriesData);
        Set<Edge> prunable = new HashSet<>();
        for (Edge e : RuleSupport.orderIn(g, node.id())) {
            if (live.contains(e.from().node())) {
                prunable.add(e);
            }
        }
        if (prunable.isEmpty()) {
            return;
        }
        call.transformTo(call.builder().removeEdges(prunable::contains));
    }
}
