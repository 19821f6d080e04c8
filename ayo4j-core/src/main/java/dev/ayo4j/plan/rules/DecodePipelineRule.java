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
import dev.ayo4j.plan.ConfiguredRule;
import dev.ayo4j.plan.Pattern;
import dev.ayo4j.plan.RuleCall;
import dev.ayo4j.primitive.AggregateMode;
import dev.ayo4j.primitive.OutputFormat;
import dev.ayo4j.primitive.Primitive;
import dev.ayo4j.primitive.ValueKind;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Pipelines the items of a generated list into their own retrieval branches (Ayo's
 * {@code decoding_pipeling}): each item flows to its embed, search and rerank as soon as it is
 * complete in the token stream, while the LLM still writes the next.
 *
 * <p>Matches a {@code Decode} of a JSON list of n &gt; 1 items whose {@code items} output has exactly
 * one consumer, the {@code texts} of an {@code Embed}, whose only consumer is the {@code vectors} of a
 * {@code VectorSearch}, whose only consumer is the {@code passages} of a {@code Rerank}. If any link
 * of that chain has another shape the rule declines; unlike the Ayo prototype it never rewrites a
 * partial chain.
 *
 * <p>The rewrite makes n branches {@code DecodeItem(i) -> Embed(1) -> VectorSearch(1) -> Rerank}
 * (ids {@code <id>[i]}, 0-based), each item read over a STREAM edge from the generation the decode
 * read, each search bound to the same index and each rerank to the same query, and a
 * {@code Aggregate(TOP_K)} ({@code <rerank id>.top}) that takes over every consumer of the rerank.
 * The result is the same: with deterministic scores and tie-breaks, the top k of a union equals the
 * top k of the union of each branch's top k.
 *
 * <p>It also matches a {@code Decode} whose list is already read per item: every consumer takes one
 * item through an edge slice {@code [i:i+1]} (the per-query search that an arrival-order rerank
 * lowers to). Each such edge then reads a {@code DecodeItem(i)} instead, which yields the same one
 * item as soon as it closes; the branches themselves stay as they are.
 */
public final class DecodePipelineRule extends ConfiguredRule<DecodePipelineRule.Config> {
    /**
     * Configuration; {@link #DEFAULT} backs {@code CoreRules.DECODE_PIPELINE}.
     *
     * @param maxItems most list items pipelined into branches; longer lists are left alone
     */
    public record Config(int maxItems) {
        /** Lists of up to 16 items. */
        public static final Config DEFAULT = new Config(16);

        public Config {
            Checks.argument(maxItems >= 2, "maxItems must be >= 2: %s", maxItems);
        }

        public Config withMaxItems(int n) {
            return new Config(n);
        }

        public DecodePipelineRule toRule() {
            return new DecodePipelineRule(this);
        }
    }

    /** The matched chain. */
    private record Chain(Node decode, int items, Edge generation, Node embed, Primitive.Embed embedOp, Node search,
                         Primitive.VectorSearch searchOp, Node rerank, Primitive.Rerank rerankOp) {}

    private DecodePipelineRule(Config config) {
        super(config);
    }

    @Override
    public Pattern pattern() {
        return Pattern.of(Primitive.Decode.class, (node, g) -> match(node, g) != null || slicedItems(node, g) != null);
    }

    @Override
    public void onMatch(RuleCall call) {
        PrimitiveGraph g = call.graph();
        List<Edge> sliced = slicedItems(call.node(), g);
        if (sliced != null) {
            pipelineSlices(call, sliced);
            return;
        }
        Chain c = match(call.node(), g);
        if (c == null) {
            return;
        }
        Edge index = RuleSupport.inputEdge(g, c.search().id(), Primitive.VectorSearch.INDEX.name());
        Edge query = RuleSupport.inputEdge(g, c.rerank().id(), Primitive.Rerank.QUERY.name());
        if (index == null || query == null) {
            return;
        }
        String llm = ((Primitive.Decode) c.decode().op()).engine();
        List<Edge> rerankOut = g.outgoing(c.rerank().id());
        GraphBuilder b = call.builder();
        for (Node n : List.of(c.decode(), c.embed(), c.search(), c.rerank())) {
            b.remove(n.id());
        }
        NodeId top = b.add(c.rerank().id().derive(".top"), new Primitive.Aggregate(AggregateMode.TOP_K,
                ValueKind.PASSAGE_LIST, c.items(), c.rerankOp().topK()));
        for (int i = 0; i < c.items(); i++) {
            String suffix = "[" + i + "]";
            NodeId item = b.add(c.decode().id().derive(suffix), new Primitive.DecodeItem(llm, i, c.items()));
            NodeId embed = b.add(c.embed().id().derive(suffix), c.embedOp().withItems(1));
            NodeId search = b.add(c.search().id().derive(suffix), c.searchOp().withQueries(1));
            NodeId rerank = b.add(c.rerank().id().derive(suffix), c.rerankOp().withCandidates(c.searchOp().topK()));
            b.edge(Edge.stream(c.generation().from(), PortRef.of(item, Primitive.DecodeItem.GENERATION)));
            b.connect(item, Primitive.DecodeItem.ITEM, embed, Primitive.Embed.TEXTS);
            b.connect(embed, Primitive.Embed.VECTORS, search, Primitive.VectorSearch.VECTORS);
            b.edge(index.withTo(PortRef.of(search, Primitive.VectorSearch.INDEX)));
            b.edge(query.withTo(PortRef.of(rerank, Primitive.Rerank.QUERY)));
            b.connect(search, Primitive.VectorSearch.PASSAGES, rerank, Primitive.Rerank.PASSAGES);
            b.connect(rerank, Primitive.Rerank.PASSAGES.name(), top, Primitive.Aggregate.port(i));
            copyOrder(g, c.decode(), item, b);
            copyOrder(g, c.embed(), embed, b);
            copyOrder(g, c.search(), search, b);
            copyOrder(g, c.rerank(), rerank, b);
        }
        for (Edge out : rerankOut) {
            b.edge(out.withFrom(PortRef.of(top, Primitive.Aggregate.OUT)));
        }
        call.transformTo(b);
    }

    /** Replaces the decode by one {@code DecodeItem} per item its sliced consumers read. */
    private static void pipelineSlices(RuleCall call, List<Edge> sliced) {
        PrimitiveGraph g = call.graph();
        Node decode = call.node();
        var op = (Primitive.Decode) decode.op();
        int n = ((OutputFormat.JsonList) op.format()).items();
        Edge generation = RuleSupport.inputEdge(g, decode.id(), Primitive.Decode.GENERATION.name());
        GraphBuilder b = call.builder();
        b.remove(decode.id());
        Map<Integer, NodeId> items = new TreeMap<>();
        for (Edge e : sliced) {
            int i = e.slice().from();
            NodeId item = items.computeIfAbsent(i, _ -> {
                NodeId id = b.add(decode.id().derive("[" + i + "]"), new Primitive.DecodeItem(op.engine(), i, n));
                b.edge(Edge.stream(generation.from(), PortRef.of(id, Primitive.DecodeItem.GENERATION)));
                copyOrder(g, decode, id, b);
                return id;
            });
            b.edge(Edge.of(PortRef.of(item, Primitive.DecodeItem.ITEM), e.to()));
        }
        call.transformTo(b);
    }

    /**
     * The consumers of a streamed JSON-list decode if every one reads a single item through a slice
     * {@code [i:i+1]} of its {@code items} (at least two items in all); otherwise null.
     */
    private @Nullable List<Edge> slicedItems(Node node, PrimitiveGraph g) {
        if (streamedList(node, g) == null) {
            return null;
        }
        int n = ((OutputFormat.JsonList) ((Primitive.Decode) node.op()).format()).items();
        List<Edge> out = g.outgoing(node.id());
        if (out.size() < 2) {
            return null;
        }
        for (Edge e : out) {
            if (!e.carriesData() || e.kind() != EdgeKind.COMPLETION || e.slice() == null || e.slice().size() != 1
                    || e.slice().from() >= n || !e.from().port().equals(Primitive.Decode.ITEMS.name())) {
                return null;
            }
        }
        return out;
    }

    private static void copyOrder(PrimitiveGraph g, Node from, NodeId to, GraphBuilder b) {
        for (Edge e : RuleSupport.orderIn(g, from.id())) {
            b.edge(e.withTo(new PortRef(to, PortRef.ORDER)));
        }
    }

    private @Nullable Chain match(Node node, PrimitiveGraph g) {
        Edge generation = streamedList(node, g);
        if (generation == null) {
            return null;
        }
        int n = ((OutputFormat.JsonList) ((Primitive.Decode) node.op()).format()).items();
        Node embed = soleConsumer(g, node, Primitive.Embed.TEXTS.name());
        if (embed == null || !(embed.op() instanceof Primitive.Embed embedOp)) {
            return null;
        }
        Node search = soleConsumer(g, embed, Primitive.VectorSearch.VECTORS.name());
        if (search == null || !(search.op() instanceof Primitive.VectorSearch searchOp)) {
            return null;
        }
        Node rerank = soleConsumer(g, search, Primitive.Rerank.PASSAGES.name());
        if (rerank == null || !(rerank.op() instanceof Primitive.Rerank rerankOp)) {
            return null;
        }
        return new Chain(node, n, generation, embed, embedOp, search, searchOp, rerank, rerankOp);
    }

    /**
     * The streamed generation edge of {@code node} if it decodes a JSON list of 2 to
     * {@link Config#maxItems()} items, which either form of the rewrite needs; otherwise null.
     */
    private @Nullable Edge streamedList(Node node, PrimitiveGraph g) {
        if (!(node.op() instanceof Primitive.Decode(_, OutputFormat.JsonList(int n), _))
                || n < 2 || n > config().maxItems()) {
            return null;
        }
        Edge generation = RuleSupport.inputEdge(g, node.id(), Primitive.Decode.GENERATION.name());
        return generation == null || generation.kind() != EdgeKind.STREAM ? null : generation;
    }

    /** The only consumer of {@code producer}, if it is one unsliced data edge into {@code port}. */
    private static @Nullable Node soleConsumer(PrimitiveGraph g, Node producer, String port) {
        List<Edge> out = g.outgoing(producer.id());
        if (out.size() != 1) {
            return null;
        }
        Edge e = out.getFirst();
        if (!e.carriesData() || e.slice() != null || !e.to().port().equals(port)) {
            return null;
        }
        return g.node(e.to().node());
    }
}
