// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.plan.rules;

import dev.ayo4j.Checks;
import dev.ayo4j.graph.Edge;
import dev.ayo4j.graph.EdgeKind;
import dev.ayo4j.graph.GraphBuilder;
import dev.ayo4j.graph.Node;
import dev.ayo4j.graph.NodeId;
import dev.ayo4j.graph.PortRef;
import dev.ayo4j.graph.PrimitiveGraph;
import dev.ayo4j.graph.Slice;
import dev.ayo4j.plan.ConfiguredRule;
import dev.ayo4j.plan.Pattern;
import dev.ayo4j.plan.RuleCall;
import dev.ayo4j.primitive.Primitive;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Merges identical computations, as Calcite's {@code HepPlanner} does by digest: two nodes with equal
 * primitives and identical incoming edges (same producer port, slice, kind and input port) compute
 * the same value. The first in insertion order is kept; every consumer of the others is rewired to
 * it and the others are removed. Run to a fixpoint, identical sub-graphs collapse bottom-up: once two
 * embeds merge, the searches that read them become identical too.
 *
 * <p>Graph inputs and outputs are never merged: they are the query's interface, not computations.
 * User steps are not merged by default either: their functions are opaque and may have effects.
 */
public final class DedupRule extends ConfiguredRule<DedupRule.Config> {
    /**
     * Configuration; {@link #DEFAULT} backs {@code CoreRules.DEDUP}.
     *
     * @param kinds primitive classes that may be merged; never {@code Input} or {@code Output}
     */
    public record Config(Set<Class<? extends Primitive>> kinds) {
        /** Every primitive kind except graph inputs and outputs and user steps. */
        public static final Config DEFAULT = new Config(RuleSupport.ALL_KINDS.stream()
                .filter(c -> c != Primitive.Input.class && c != Primitive.Output.class && c != Primitive.Step.class)
                .collect(Collectors.toUnmodifiableSet()));

        public Config {
            kinds = RuleSupport.kinds(kinds);
            Checks.argument(!kinds.contains(Primitive.Input.class) && !kinds.contains(Primitive.Output.class),
                    "graph inputs and outputs are never merged: %s", kinds);
        }

        public Config withKinds(Set<Class<? extends Primitive>> k) {
            return new Config(k);
        }

        public DedupRule toRule() {
            return new DedupRule(this);
        }
    }

    private DedupRule(Config config) {
        super(config);
    }

    @Override
    public Pattern pattern() {
        return RuleSupport.patternOf(config().kinds(), (node, g) -> twins(node, g).size() > 1);
    }

    @Override
    public void onMatch(RuleCall call) {
        PrimitiveGraph g = call.graph();
        Set<NodeId> group = twins(call.node(), g);
        if (group.size() < 2) {
            return;
        }
        NodeId keeper = null;
        for (Node n : g.nodes()) {
            if (group.contains(n.id())) {
                keeper = n.id();
                break;
            }
        }
        Objects.requireNonNull(keeper, "keeper");
        GraphBuilder b = call.builder();
        List<Edge> rewired = new ArrayList<>();
        for (NodeId dup : group) {
            if (dup.equals(keeper)) {
                continue;
            }
            for (Edge e : g.outgoing(dup)) {
                rewired.add(e.withFrom(PortRef.of(keeper, e.from().port())));
            }
            b.remove(dup);
        }
        Set<Edge> present = new HashSet<>(b.edges());
        for (Edge e : rewired) {
            if (present.add(e)) {
                b.edge(e);
            }
        }
        call.transformTo(b);
    }

    /**
     * {@code node} and every node that computes the same value: equal primitive, identical incoming
     * edges. Candidates are the consumers of {@code node}'s first producer, so this stays local.
     */
    private static Set<NodeId> twins(Node node, PrimitiveGraph g) {
        List<Edge> in = g.incoming(node.id());
        Set<NodeId> group = new LinkedHashSet<>();
        group.add(node.id());
        if (in.isEmpty()) {
            return group;
        }
        Set<Input> inputs = null;
        for (NodeId candidate : g.successors(in.getFirst().from().node())) {
            if (candidate.equals(node.id()) || g.incoming(candidate).size() != in.size()
                    || !g.node(candidate).op().equals(node.op())) {
                continue;
            }
            if (inputs == null) {
                inputs = inputs(g, node.id());
            }
            if (inputs.equals(inputs(g, candidate))) {
                group.add(candidate);
            }
        }
        return group;
    }

    /** One incoming edge without its consumer: what two twins must share. */
    private record Input(PortRef from, Slice slice, EdgeKind kind, String port) {}

    /** A node's incoming edges as a set of {@link Input}s. */
    private static Set<Input> inputs(PrimitiveGraph g, NodeId id) {
        Set<Input> set = new HashSet<>();
        for (Edge e : g.incoming(id)) {
            set.add(new Input(e.from(), e.slice(), e.kind(), e.to().port()));
        }
        return set;
    }
}
