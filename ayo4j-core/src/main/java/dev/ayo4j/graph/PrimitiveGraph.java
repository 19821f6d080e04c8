// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.graph;

import dev.ayo4j.primitive.Primitive;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SequencedMap;
import java.util.Set;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * Immutable primitive-level dataflow graph of one query: nodes by id and explicit port bindings.
 *
 * <p>Rewrites never mutate a graph; they build a new one (see {@link #toBuilder()}). Node order is
 * the order of insertion and is kept, so {@link #explain()} is stable.
 */
public final class PrimitiveGraph {
    private final String name;
    private final SequencedMap<NodeId, Node> nodes;
    private final List<Edge> edges;
    private final Map<NodeId, List<Edge>> incoming;
    private final Map<NodeId, List<Edge>> outgoing;

    PrimitiveGraph(String name, SequencedMap<NodeId, Node> nodes, List<Edge> edges) {
        this.name = Objects.requireNonNull(name, "name");
        this.nodes = Collections.unmodifiableSequencedMap(new LinkedHashMap<>(nodes));
        this.edges = List.copyOf(edges);
        Map<NodeId, List<Edge>> in = new HashMap<>();
        Map<NodeId, List<Edge>> out = new HashMap<>();
        for (Edge e : this.edges) {
            in.computeIfAbsent(e.to().node(), _ -> new ArrayList<>()).add(e);
            out.computeIfAbsent(e.from().node(), _ -> new ArrayList<>()).add(e);
        }
        in.replaceAll((_, v) -> List.copyOf(v));
        out.replaceAll((_, v) -> List.copyOf(v));
        this.incoming = Map.copyOf(in);
        this.outgoing = Map.copyOf(out);
    }

    /** A builder for a new graph called {@code name}. */
    public static GraphBuilder builder(String name) {
        return new GraphBuilder(name);
    }

    /** A builder that starts from this graph's nodes and edges. */
    public GraphBuilder toBuilder() {
        return new GraphBuilder(name, nodes, edges);
    }

    public String name() {
        return name;
    }

    /** Nodes in insertion order. */
    public Collection<Node> nodes() {
        return nodes.values();
    }

    public List<Edge> edges() {
        return edges;
    }

    public int size() {
        return nodes.size();
    }

    public boolean contains(NodeId id) {
        return nodes.containsKey(id);
    }

    /** The node called {@code id}; throws if there is none. */
    public Node node(NodeId id) {
        Node n = nodes.get(id);
        if (n == null) {
            throw new IllegalArgumentException("no node " + id + " in graph " + name);
        }
        return n;
    }

    public @Nullable Node nodeOrNull(NodeId id) {
        return nodes.get(id);
    }

    /** Edges into {@code id}, in graph order. */
    public List<Edge> incoming(NodeId id) {
        return incoming.getOrDefault(id, List.of());
    }

    /** Edges out of {@code id}, in graph order. */
    public List<Edge> outgoing(NodeId id) {
        return outgoing.getOrDefault(id, List.of());
    }

    /** Nodes that consume an output of {@code id} (data or ordering), without duplicates, in edge order. */
    public List<NodeId> successors(NodeId id) {
        return outgoing(id).stream().map(e -> e.to().node()).distinct().toList();
    }

    /** Nodes whose output {@code id} consumes, without duplicates, in edge order. */
    public List<NodeId> predecessors(NodeId id) {
        return incoming(id).stream().map(e -> e.from().node()).distinct().toList();
    }

    /**
     * The outputs and every node from which an output is reached along edges that {@code along} accepts:
     * the nodes whose result can reach the query's answer that way.
     */
    public Set<NodeId> reachingOutputs(Predicate<Edge> along) {
        Set<NodeId> reached = new HashSet<>();
        Deque<NodeId> work = new ArrayDeque<>();
        for (Node n : nodes.values()) {
            if (n.op() instanceof Primitive.Output) {
                reached.add(n.id());
                work.add(n.id());
            }
        }
        while (!work.isEmpty()) {
            for (Edge e : incoming(work.pop())) {
                if (along.test(e) && reached.add(e.from().node())) {
                    work.add(e.from().node());
                }
            }
        }
        return reached;
    }

    /** Nodes whose primitive is an instance of {@code type}, in insertion order. */
    public <P extends Primitive> List<Node> nodesOf(Class<P> type) {
        return nodes.values().stream().filter(n -> type.isInstance(n.op())).toList();
    }

    /**
     * Nodes in a topological order: Kahn's algorithm, ties broken by insertion order, so the order is
     * stable. Throws {@link IllegalStateException} if the graph has a cycle.
     */
    public List<NodeId> topologicalOrder() {
        Map<NodeId, Integer> indegree = new HashMap<>();
        for (NodeId id : nodes.keySet()) {
            indegree.put(id, predecessors(id).size());
        }
        Map<NodeId, Integer> position = new HashMap<>();
        int i = 0;
        for (NodeId id : nodes.keySet()) {
            position.put(id, i++);
        }
        java.util.PriorityQueue<NodeId> ready =
                new java.util.PriorityQueue<>((a, b) -> Integer.compare(position.get(a), position.get(b)));
        indegree.forEach((id, d) -> {
            if (d == 0) {
                ready.add(id);
            }
        });
        List<NodeId> order = new ArrayList<>(nodes.size());
        while (!ready.isEmpty()) {
            NodeId id = ready.poll();
            order.add(id);
            for (NodeId s : successors(id)) {
                if (indegree.merge(s, -1, Integer::sum) == 0) {
                    ready.add(s);
                }
            }
        }
        if (order.size() != nodes.size()) {
            throw new IllegalStateException("graph " + name + " has a cycle");
        }
        return order;
    }

    /** Nodes reachable from {@code start} along edges (excluding {@code start}). */
    public List<NodeId> descendants(NodeId start) {
        List<NodeId> seen = new ArrayList<>();
        Deque<NodeId> work = new ArrayDeque<>(successors(start));
        java.util.Set<NodeId> visited = new java.util.HashSet<>();
        while (!work.isEmpty()) {
            NodeId n = work.pop();
            if (visited.add(n)) {
                seen.add(n);
                work.addAll(successors(n));
            }
        }
        return seen;
    }

    /** Stable, indented text of the graph; see {@link Explain}. */
    public String explain() {
        return Explain.of(this);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PrimitiveGraph g && name.equals(g.name) && nodes.equals(g.nodes)
                && edges.equals(g.edges);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, nodes, edges);
    }

    @Override
    public String toString() {
        return "PrimitiveGraph(" + name + ", " + nodes.size() + " nodes, " + edges.size() + " edges)";
    }
}
