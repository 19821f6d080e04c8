// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.runtime;

import dev.ayo4j.runtime.trace.MeasuredCriticalPath;
import dev.ayo4j.graph.Edge;
import dev.ayo4j.graph.EdgeKind;
import dev.ayo4j.graph.GraphValidator;
import dev.ayo4j.graph.Litmus;
import dev.ayo4j.graph.Node;
import dev.ayo4j.graph.NodeId;
import dev.ayo4j.graph.PrimitiveGraph;
import dev.ayo4j.graph.Slice;
import dev.ayo4j.plan.cost.CostModel;
import dev.ayo4j.plan.cost.CriticalPath;
import dev.ayo4j.primitive.Primitive;
import dev.ayo4j.primitive.ValueKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A graph compiled for execution: nodes by index, edges with their value kinds resolved, initial
 * dependency counts and each node's remaining critical path. Immutable and shared by every query of
 * the same graph, so a query's start costs array copies, not graph walks.
 */
final class GraphPlan {
    /** An edge between node indexes; {@code toKind} is null for an ordering-only edge. */
    record Link(int from, int to, String toPort, boolean stream, @Nullable Slice slice, ValueKind fromKind,
                @Nullable ValueKind toKind) {}

    final PrimitiveGraph graph;
    final Node[] nodes;
    final @Nullable String[] engineOf;
    final List<List<Link>> in;
    final List<List<Link>> out;
    final int[] completionDeps;
    final int[] streamDeps;
    final double[] remainingMs;
    final int[] topo;
    final int[] tokens;
    /** Distinct engines the graph's primitives run on. */
    final List<String> engines;
    /** The edges into each node, as the measured critical path reads them. */
    final List<List<MeasuredCriticalPath.Edge>> edgesIn;

    private GraphPlan(PrimitiveGraph graph, CostModel costModel) {
        GraphValidator.validate(graph, Litmus.THROW);
        this.graph = graph;
        int n = graph.size();
        nodes = graph.nodes().toArray(Node[]::new);
        Map<NodeId, Integer> index = new HashMap<>();
        for (int i = 0; i < n; i++) {
            index.put(nodes[i].id(), i);
        }
        engineOf = new String[n];
        in = new ArrayList<>(n);
        out = new ArrayList<>(n);
        completionDeps = new int[n];
        streamDeps = new int[n];
        remainingMs = new double[n];
        tokens = new int[n];
        Map<NodeId, Double> remaining = CriticalPath.remaining(graph, costModel);
        for (int i = 0; i < n; i++) {
            in.add(new ArrayList<>());
            out.add(new ArrayList<>());
            engineOf[i] = engineOf(nodes[i].op());
            remainingMs[i] = remaining.get(nodes[i].id());
            tokens[i] = tokens(nodes[i].op());
        }
        for (Edge e : graph.edges()) {
            int from = index.get(e.from().node());
            int to = index.get(e.to().node());
            ValueKind fromKind = nodes[from].op().output(e.from().port()).kind();
            ValueKind toKind = e.carriesData() ? nodes[to].op().input(e.to().port()).kind() : null;
            Link link = new Link(from, to, e.to().port(), e.kind() == EdgeKind.STREAM, e.slice(), fromKind, toKind);
            in.get(to).add(link);
            out.get(from).add(link);
            if (link.stream()) {
                streamDeps[to]++;
            } else {
                completionDeps[to]++;
            }
        }
        engines = java.util.Arrays.stream(engineOf).filter(java.util.Objects::nonNull).distinct().toList();
        topo = graph.topologicalOrder().stream().mapToInt(index::get).toArray();
        edgesIn = in.stream().map(links -> links.stream()
                .map(l -> new MeasuredCriticalPath.Edge(l.from(), l.stream())).toList()).toList();
    }

    /** Compiles {@code graph}; throws {@code GraphValidationException} naming the fault if it is invalid. */
    static GraphPlan of(PrimitiveGraph graph, CostModel costModel) {
        return new GraphPlan(graph, costModel);
    }

    int size() {
        return nodes.length;
    }

    /** The engine a primitive runs on, or null for primitives that run in place. */
    static @Nullable String engineOf(Primitive op) {
        return switch (op) {
            case Primitive.Embed p -> p.engine();
            case Primitive.Ingest p -> p.engine();
            case Primitive.VectorSearch p -> p.engine();
            case Primitive.Rerank p -> p.engine();
            case Primitive.Prefill p -> p.engine();
            case Primitive.PartialPrefill p -> p.engine();
            case Primitive.Input _, Primitive.Output _, Primitive.Decode _, Primitive.DecodeItem _, Primitive.Step _,
                 Primitive.Aggregate _ -> null;
        };
    }

    /** Estimated input tokens, for token-budget policies. */
    private static int tokens(Primitive op) {
        long t = switch (op) {
            case Primitive.Embed e -> (long) e.items() * e.tokensPerItem();
            case Primitive.Ingest i -> i.items();
            case Primitive.VectorSearch s -> s.queries();
            case Primitive.Rerank r -> r.candidates() * 150L;
            case Primitive.Prefill p -> p.promptTokens();
            case Primitive.PartialPrefill p -> p.prefixTokens();
            case Primitive.Input _, Primitive.Output _, Primitive.Decode _, Primitive.DecodeItem _, Primitive.Step _,
                 Primitive.Aggregate _ -> 0;
        };
        return (int) Math.min(Integer.MAX_VALUE, t);
    }
}
