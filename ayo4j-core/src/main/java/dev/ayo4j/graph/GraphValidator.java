// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.graph;

import dev.ayo4j.primitive.Port;
import dev.ayo4j.primitive.Primitive;
import dev.ayo4j.primitive.ValueKind;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a graph before it runs: ports exist and kinds match, every input port is bound exactly once,
 * STREAM edges carry generations, the graph is acyclic, and every node's work reaches an output.
 * Messages name the node and port at fault.
 */
public final class GraphValidator {
    private GraphValidator() {}

    /** Validates {@code g}; on the first fault calls {@code litmus} (which throws or returns false). */
    public static boolean validate(PrimitiveGraph g, Litmus litmus) {
        Map<PortRef, Integer> bindings = new HashMap<>();
        for (Edge e : g.edges()) {
            Node producer = g.nodeOrNull(e.from().node());
            Node consumer = g.nodeOrNull(e.to().node());
            if (producer == null) {
                return litmus.fail("edge " + e + " starts at unknown node " + e.from().node());
            }
            if (consumer == null) {
                return litmus.fail("edge " + e + " ends at unknown node " + e.to().node());
            }
            Port<?> out = producer.op().output(e.from().port());
            if (out == null) {
                return litmus.fail(String.format("node %s (%s) has no output port '%s'; it has %s",
                        producer.id(), producer.op().kindName(), e.from().port(), producer.op().outputs()));
            }
            if (e.to().isOrder()) {
                if (e.kind() == EdgeKind.STREAM || e.slice() != null) {
                    return litmus.fail("ordering edge " + e + " must be a plain COMPLETION edge");
                }
                continue;
            }
            Port<?> in = consumer.op().input(e.to().port());
            if (in == null) {
                return litmus.fail(String.format("node %s (%s) has no input port '%s'; it has %s",
                        consumer.id(), consumer.op().kindName(), e.to().port(), consumer.op().inputs()));
            }
            if (!out.kind().canFeed(in.kind())) {
                return litmus.fail(String.format(
                        "type mismatch on %s: %s.%s produces %s but port %s.%s takes %s", e, producer.id(),
                        out.name(), out.kind(), consumer.id(), in.name(), in.kind()));
            }
            if (e.slice() != null && !out.kind().isList()) {
                return litmus.fail("edge " + e + " slices a " + out.kind() + ", which is not a list");
            }
            if (e.slice() != null && e.slice().order() == Slice.Order.LENGTH
                    && out.kind() != ValueKind.TEXT_LIST && out.kind() != ValueKind.PASSAGE_LIST) {
                return litmus.fail("edge " + e + " slices a " + out.kind()
                        + " by length; only a TEXT_LIST or PASSAGE_LIST has text lengths");
            }
            boolean generation = out.kind() == ValueKind.GENERATION;
            if (generation != (e.kind() == EdgeKind.STREAM)) {
                return litmus.fail(generation
                        ? "generation " + e.from() + " must be bound with a STREAM edge: " + e
                        : "STREAM edge " + e + " must start at a generation port, not " + out.kind());
            }
            bindings.merge(e.to(), 1, Integer::sum);
        }
        Set<String> inputNames = new HashSet<>();
        Set<String> outputNames = new HashSet<>();
        for (Node n : g.nodes()) {
            for (Port<?> p : n.op().inputs()) {
                int count = bindings.getOrDefault(PortRef.of(n.id(), p.name()), 0);
                if (count == 0) {
                    return litmus.fail(String.format("unbound input port %s.%s (%s) of %s", n.id(), p.name(),
                            p.kind(), n.op().kindName()));
                }
                if (count > 1) {
                    return litmus.fail(String.format("input port %s.%s is bound %d times", n.id(), p.name(), count));
                }
            }
            if (n.op() instanceof Primitive.Input(String name, _) && !inputNames.add(name)) {
                return litmus.fail("two graph inputs are called '" + name + "' (node " + n.id() + ")");
            }
            if (n.op() instanceof Primitive.Output(String name, _) && !outputNames.add(name)) {
                return litmus.fail("two graph outputs are called '" + name + "' (node " + n.id() + ")");
            }
        }
        List<NodeId> cycle = findCycle(g);
        if (!cycle.isEmpty()) {
            return litmus.fail("cycle through nodes " + String.join(" -> ", cycle.stream().map(NodeId::value).toList()));
        }
        if (outputNames.isEmpty()) {
            return litmus.fail("graph " + g.name() + " has no output");
        }
        Set<NodeId> reachesOutput = g.reachingOutputs(_ -> true);
        for (Node n : g.nodes()) {
            if (!reachesOutput.contains(n.id())) {
                return litmus.fail("the result of node " + n.id() + " (" + n.op().kindName() + ") reaches no output");
            }
        }
        return litmus.ok();
    }

    /**
     * A cycle as a list of node ids (first repeated at the end), or empty. Depth-first, iterative, each
     * node's successors computed once: linear in the size of the graph.
     */
    static List<NodeId> findCycle(PrimitiveGraph g) {
        Map<NodeId, Integer> color = new HashMap<>();
        Map<NodeId, NodeId> parent = new HashMap<>();
        record Frame(NodeId node, List<NodeId> successors, int[] next) {}
        for (Node start : g.nodes()) {
            if (color.getOrDefault(start.id(), 0) != 0) {
                continue;
            }
            Deque<Frame> stack = new ArrayDeque<>();
            stack.push(new Frame(start.id(), g.successors(start.id()), new int[1]));
            color.put(start.id(), 1);
            while (!stack.isEmpty()) {
                Frame top = stack.peek();
                if (top.next()[0] < top.successors().size()) {
                    NodeId s = top.successors().get(top.next()[0]++);
                    int c = color.getOrDefault(s, 0);
                    if (c == 1) {
                        List<NodeId> cycle = new ArrayList<>();
                        cycle.add(s);
                        for (NodeId at = top.node(); !at.equals(s); at = parent.get(at)) {
                            cycle.add(1, at);
                        }
                        cycle.add(s);
                        return cycle;
                    }
                    if (c == 0) {
                        color.put(s, 1);
                        parent.put(s, top.node());
                        stack.push(new Frame(s, g.successors(s), new int[1]));
                    }
                } else {
                    color.put(top.node(), 2);
                    stack.pop();
                }
            }
        }
        return List.of();
    }
}
