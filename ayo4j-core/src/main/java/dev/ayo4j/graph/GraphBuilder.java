// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.graph;

import dev.ayo4j.GraphValidationException;
import dev.ayo4j.primitive.Port;
import dev.ayo4j.primitive.Primitive;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;
import java.util.SequencedMap;
import java.util.function.Predicate;

/**
 * Mutable builder of a {@link PrimitiveGraph}; {@link #build()} validates the result and throws
 * {@link GraphValidationException} naming the node and port at fault.
 */
public final class GraphBuilder {
    private final String name;
    private final SequencedMap<NodeId, Node> nodes;
    private final List<Edge> edges;

    GraphBuilder(String name) {
        this.name = Objects.requireNonNull(name, "name");
        this.nodes = new LinkedHashMap<>();
        this.edges = new ArrayList<>();
    }

    GraphBuilder(String name, SequencedMap<NodeId, Node> nodes, List<Edge> edges) {
        this.name = name;
        this.nodes = new LinkedHashMap<>(nodes);
        this.edges = new ArrayList<>(edges);
    }

    /** Adds a node; rejects a duplicate id. */
    public NodeId add(String id, Primitive op) {
        return add(NodeId.of(id), op);
    }

    /** Adds a node; rejects a duplicate id. */
    public NodeId add(NodeId id, Primitive op) {
        if (nodes.containsKey(id)) {
            throw new GraphValidationException("duplicate node id " + id + " in graph " + name);
        }
        nodes.put(id, new Node(id, op));
        return id;
    }

    /** Replaces the primitive of an existing node, keeping its edges. */
    public GraphBuilder replace(NodeId id, Primitive op) {
        if (!nodes.containsKey(id)) {
            throw new IllegalArgumentException("no node " + id + " to replace in graph " + name);
        }
        nodes.put(id, new Node(id, op));
        return this;
    }

    /** Removes a node and every edge that touches it. */
    public GraphBuilder remove(NodeId id) {
        nodes.remove(id);
        edges.removeIf(e -> e.from().node().equals(id) || e.to().node().equals(id));
        return this;
    }

    public GraphBuilder edge(Edge edge) {
        edges.add(Objects.requireNonNull(edge, "edge"));
        return this;
    }

    /** Binds {@code from.fromPort} to {@code to.toPort} with a COMPLETION edge. */
    public GraphBuilder connect(NodeId from, Port<?> fromPort, NodeId to, Port<?> toPort) {
        return connect(from, fromPort.name(), to, toPort.name());
    }

    /**
     * Binds {@code from.fromPort} to {@code to.toPort} with a COMPLETION edge, by port name: for ports
     * named at run time (template placeholders, aggregate inputs); fixed ports go by their constants.
     */
    public GraphBuilder connect(NodeId from, String fromPort, NodeId to, String toPort) {
        return edge(Edge.of(PortRef.of(from, fromPort), PortRef.of(to, toPort)));
    }

    /** Binds {@code from.fromPort} to {@code to.toPort} with a STREAM edge. */
    public GraphBuilder stream(NodeId from, Port<?> fromPort, NodeId to, Port<?> toPort) {
        return stream(from, fromPort.name(), to, toPort.name());
    }

    /** Binds {@code from.fromPort} to {@code to.toPort} with a STREAM edge, by port name. */
    public GraphBuilder stream(NodeId from, String fromPort, NodeId to, String toPort) {
        return edge(Edge.stream(PortRef.of(from, fromPort), PortRef.of(to, toPort)));
    }

    /** Adds an ordering-only dependency of {@code to} on {@code from}'s first output port. */
    public GraphBuilder order(NodeId from, NodeId to) {
        Node producer = nodes.get(from);
        String port = producer == null || producer.op().outputs().isEmpty()
                ? "?" : producer.op().outputs().getFirst().name();
        return edge(Edge.order(PortRef.of(from, port), to));
    }

    public GraphBuilder removeEdges(Predicate<Edge> which) {
        edges.removeIf(which);
        return this;
    }

    public boolean contains(NodeId id) {
        return nodes.containsKey(id);
    }

    public List<Edge> edges() {
        return List.copyOf(edges);
    }

    /** The graph as it stands, without validation (rules and the planner validate separately). */
    public PrimitiveGraph buildUnchecked() {
        return new PrimitiveGraph(name, nodes, edges);
    }

    /** Builds and validates the graph. */
    public PrimitiveGraph build() {
        PrimitiveGraph g = buildUnchecked();
        GraphValidator.validate(g, Litmus.THROW);
        return g;
    }
}
