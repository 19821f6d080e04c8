// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.runtime;

import dev.ayo4j.primitive.Primitive;
import java.util.LinkedHashMap;
import java.util.Map;

/** Assembles the {@link QueryResult} of a query run that succeeded, from its outputs and its trace. */
final class RunResults {
    private RunResults() {}

    /**
     * The result of query {@code queryId}: the value of each {@code Output} node that has one, by output
     * name in node order, every node's trace event, and the end-to-end and critical-path times.
     */
    static QueryResult of(String queryId, GraphPlan plan, Object[] outputs, RunTrace trace, long endToEndNanos) {
        Map<String, Object> named = new LinkedHashMap<>();
        for (int i = 0; i < plan.size(); i++) {
            if (plan.nodes[i].op() instanceof Primitive.Output o && outputs[i] != null) {
                named.put(o.name(), outputs[i]);
            }
        }
        return new QueryResult(queryId, named, trace.events(), endToEndNanos, trace.criticalPathNanos());
    }
}
