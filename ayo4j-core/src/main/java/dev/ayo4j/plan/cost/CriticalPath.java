// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.plan.cost;

import dev.ayo4j.graph.NodeId;
import dev.ayo4j.graph.PrimitiveGraph;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Longest-path figures of a graph under a cost function: for each node, the estimated time from its
 * start to the end of the query along the slowest chain through it. Engine schedulers serve the
 * largest remaining critical path first (Ayo's topology-aware batching, with depth defined as the
 * longest path to the sink rather than a sort index).
 */
public final class CriticalPath {
    private CriticalPath() {}

    /** Remaining critical path in milliseconds of every node, itself included. */
    public static Map<NodeId, Double> remaining(PrimitiveGraph g, CostModel model) {
        List<NodeId> order = g.topologicalOrder();
        Map<NodeId, Double> rest = new HashMap<>();
        for (int i = order.size() - 1; i >= 0; i--) {
            NodeId id = order.get(i);
            double after = 0;
            for (NodeId s : g.successors(id)) {
                after = Math.max(after, rest.get(s));
            }
            rest.put(id, model.millis(g.node(id).op()) + after);
        }
        return rest;
    }

    /** Estimated critical path of the whole graph in milliseconds. */
    public static double length(PrimitiveGraph g, CostModel model) {
        return remaining(g, model).values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
    }
}
