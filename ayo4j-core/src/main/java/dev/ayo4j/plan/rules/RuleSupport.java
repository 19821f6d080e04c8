// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.plan.rules;

import dev.ayo4j.Checks;
import dev.ayo4j.graph.Edge;
import dev.ayo4j.graph.EdgeKind;
import dev.ayo4j.graph.Node;
import dev.ayo4j.graph.NodeId;
import dev.ayo4j.graph.PrimitiveGraph;
import dev.ayo4j.plan.Pattern;
import dev.ayo4j.plan.cost.CostModel;
import dev.ayo4j.primitive.Primitive;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/** Small graph queries shared by the core rules. */
final class RuleSupport {
    /** Every kind of primitive: the sealed interface's permitted records. */
    static final Set<Class<? extends Primitive>> ALL_KINDS = allKinds();

    @SuppressWarnings("unchecked")
    private static Set<Class<? extends Primitive>> allKinds() {
        return Arrays.stream(Primitive.class.getPermittedSubclasses())
                .map(c -> (Class<? extends Primitive>) c).collect(Collectors.toUnmodifiableSet());
    }

    private RuleSupport() {}

    /** A rule's configured primitive {@code kinds}, checked (at least one) and copied. */
    static Set<Class<? extends Primitive>> kinds(Set<Class<? extends Primitive>> kinds) {
        Objects.requireNonNull(kinds, "kinds");
        Checks.argument(!kinds.isEmpty(), "kinds must name at least one primitive class");
        return Set.copyOf(kinds);
    }

    /** Nodes whose primitive is one of a rule's configured {@code kinds}, if {@code predicate} holds. */
    static Pattern patternOf(Set<Class<? extends Primitive>> kinds, BiPredicate<Node, PrimitiveGraph> predicate) {
        return Pattern.of(Primitive.class,
                (node, g) -> kinds.contains(node.op().getClass()) && predicate.test(node, g));
    }

    /** The engine a primitive is addressed to, or null for inputs, outputs, in-place aggregates and user steps. */
    static @Nullable String engineOf(Primitive op) {
        return switch (op) {
            case Primitive.Input _, Primitive.Output _, Primitive.Aggregate _, Primitive.Step _ -> null;
            case Primitive.Embed e -> e.engine();
            case Primitive.Ingest i -> i.engine();
            case Primitive.VectorSearch s -> s.engine();
            case Primitive.Rerank r -> r.engine();
            case Primitive.Prefill p -> p.engine();
            case Primitive.PartialPrefill p -> p.engine();
            case Primitive.Decode d -> d.engine();
            case Primitive.DecodeItem d -> d.engine();
        };
    }

    /** Edges out of {@code id} that carry data, in graph order. */
    static List<Edge> dataOut(PrimitiveGraph g, NodeId id) {
        List<Edge> out = new ArrayList<>();
        for (Edge e : g.outgoing(id)) {
            if (e.carriesData()) {
                out.add(e);
            }
        }
        return out;
    }

    /** Nodes whose output {@code id} consumes over data edges, without duplicates, in edge order. */
    static List<NodeId> dataIn(PrimitiveGraph g, NodeId id) {
        return g.incoming(id).stream().filter(Edge::carriesData).map(e -> e.from().node()).distinct().toList();
    }

    /**
     * The nodes reached from {@code start} through aggregates: a node that is not an aggregate is returned
     * and ends its path, an aggregate is passed through to its {@code next} nodes. Each node is visited once;
     * the aggregates passed through are not returned.
     */
    static Set<NodeId> throughAggregates(PrimitiveGraph g, Collection<NodeId> start,
                                         Function<NodeId, List<NodeId>> next) {
        Set<NodeId> reached = new LinkedHashSet<>();
        Set<NodeId> seen = new HashSet<>();
        Deque<NodeId> todo = new ArrayDeque<>(start);
        while (!todo.isEmpty()) {
            NodeId id = todo.pop();
            if (!seen.add(id)) {
                continue;
            }
            if (g.node(id).op() instanceof Primitive.Aggregate) {
                todo.addAll(next.apply(id));
            } else {
                reached.add(id);
            }
        }
        return reached;
    }

    /** The edge bound to input port {@code port} of {@code id}, or null. */
    static @Nullable Edge inputEdge(PrimitiveGraph g, NodeId id, String port) {
        for (Edge e : g.incoming(id)) {
            if (e.to().port().equals(port)) {
                return e;
            }
        }
        return null;
    }

    /** Ordering-only edges into {@code id}. */
    static List<Edge> orderIn(PrimitiveGraph g, NodeId id) {
        List<Edge> in = new ArrayList<>();
        for (Edge e : g.incoming(id)) {
            if (!e.carriesData()) {
                in.add(e);
            }
        }
        return in;
    }

    /**
     * Estimated start time in milliseconds of every node on an unloaded system: a node starts when its
     * COMPLETION producers have finished and its STREAM producers have started (longest path from the
     * sources under {@code model}).
     */
    static Map<NodeId, Double> startTimes(PrimitiveGraph g, CostModel model) {
        Map<NodeId, Double> start = new HashMap<>();
        for (NodeId id : g.topologicalOrder()) {
            double t = 0;
            for (Edge e : g.incoming(id)) {
                NodeId p = e.from().node();
                double ready = e.kind() == EdgeKind.STREAM ? start.get(p) : start.get(p) + model.millis(g.node(p).op());
                t = Math.max(t, ready);
            }
            start.put(id, t);
        }
        return start;
    }
}
