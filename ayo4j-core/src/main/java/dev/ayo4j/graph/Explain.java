// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.graph;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Stable, indented text of a graph: nodes in topological order, each indented by its level (the
 * longest chain of producers before it), followed by its input bindings. Parallel branches thus
 * line up at the same indentation, and a pipeline reads as a staircase.
 *
 * <pre>
 * advanced-rag
 *   question: Input(question: TEXT)
 *     qe.prefill: Prefill(...)  &lt;- question=question.value
 * </pre>
 */
public final class Explain {
    private Explain() {}

    static String of(PrimitiveGraph g) {
        List<NodeId> order;
        try {
            order = g.topologicalOrder();
        } catch (IllegalStateException cyclic) {
            order = g.nodes().stream().map(Node::id).toList();
        }
        Map<NodeId, Integer> level = new HashMap<>();
        for (NodeId id : order) {
            int l = 0;
            for (NodeId p : g.predecessors(id)) {
                l = Math.max(l, level.getOrDefault(p, 0) + 1);
            }
            level.put(id, l);
        }
        StringBuilder sb = new StringBuilder(g.name()).append('\n');
        for (NodeId id : order) {
            Node n = g.node(id);
            sb.append("  ".repeat(level.get(id) + 1)).append(id).append(": ").append(n.op().describe());
            List<Edge> in = g.incoming(id);
            if (!in.isEmpty()) {
                sb.append("  <- ").append(in.stream().map(Explain::binding).collect(Collectors.joining(", ")));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private static String binding(Edge e) {
        String source = e.from() + (e.slice() == null ? "" : e.slice().toString());
        if (!e.carriesData()) {
            return "after " + e.from().node();
        }
        return e.to().port() + (e.kind() == EdgeKind.STREAM ? "~" : "=") + source;
    }
}
