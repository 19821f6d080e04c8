// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.plan.rules;

import dev.ayo4j.Checks;
import dev.ayo4j.graph.Edge;
import dev.ayo4j.graph.GraphBuilder;
import dev.ayo4j.graph.Node;
import dev.ayo4j.graph.NodeId;
import dev.ayo4j.graph.PortRef;
import dev.ayo4j.graph.PrimitiveGraph;
import dev.ayo4j.graph.Slice;
import dev.ayo4j.plan.ConfiguredRule;
import dev.ayo4j.plan.Pattern;
import dev.ayo4j.plan.RuleCall;
import dev.ayo4j.plan.cost.CostModel;
import dev.ayo4j.primitive.AggregateMode;
import dev.ayo4j.primitive.Primitive;
import dev.ayo4j.primitive.ValueKind;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Splits the embedding and ingestion of a list into micro-batch chains (Ayo's
 * {@code stage_decomposition}): {@code Embed -> Ingest} of N passages becomes m chains
 * {@code Embed[i/m] -> Ingest[i/m]}, each taking a {@link Slice} of the passages, joined by an
 * {@code Aggregate(ALL)} that stands for the whole index. Ingestion of one micro-batch then overlaps
 * the embedding of the next, and other work on the embedder waits behind one micro-batch instead of
 * all N passages.
 *
 * <p>Matches an {@code Embed} of N &gt; 1 items whose {@code texts} come unsliced from a list producer
 * and whose only consumer is the {@code vectors} port of an {@code Ingest} that takes its
 * {@code passages} from the same producer port. Its own output never matches again: every
 * micro-batch embed reads a sliced edge.
 *
 * <p>The number of chunks m is chosen from the cost model rather than fixed (Ayo hard-codes 128).
 * With {@code b = ceil(N/m)} items per chunk, {@code E} and {@code I} the estimated times of an embed
 * and an ingest of b items, and {@code sharers} the number of other nodes addressed to the same
 * embedding engine, the estimated cost is
 *
 * <pre>
 *   cost(m) = E + I + (m - 1) * max(E, I) + m * perCallOverheadMs + sharers * E / 2
 * </pre>
 *
 * the pipeline's makespan, a per-call overhead, and the expected wait of sharing work behind one
 * micro-batch (half an embed call each). A sharer counts only if its wait can delay the query: one
 * that runs after the ingest, or whose every consumer runs after it (a question's embedding whose
 * search needs the whole index), would wait for the index anyway, so micro-batches cannot shorten
 * its path. Candidates are m = 2..{@link Config#maxMicroBatches()} with
 * b within the engine's batch limit (more chunks only if N exceeds m times that limit); the cheapest
 * wins, and the rule rewrites only if it is cheaper than the undecomposed pair: {@code cost(1)} by
 * the same formula, or, when N exceeds the batch limit, the engine's own sequence of full calls
 * followed by one ingest.
 *
 * <p>The slices partition the passages {@linkplain Slice.Order#LENGTH sorted by text length}, not in
 * list order; the last may be smaller. An embedder sorts one call's texts by length and pads each
 * forward pass to its longest text, so one whole call pads little; micro-batches of consecutive,
 * mixed-length passages would pad far more and cost more than the overlap saves (300 passages in 15
 * list-order chunks took 10.7 s against 7.2 s in one call). Chunks of similar lengths keep the linear
 * cost above honest. Ingest is idempotent by passage id, so the order passages reach the index in does
 * not matter.
 */
public final class StageDecomposeRule extends ConfiguredRule<StageDecomposeRule.Config> {
    /**
     * Configuration; {@link #DEFAULT} backs {@code CoreRules.STAGE_DECOMPOSE}.
     *
     * @param maxMicroBatches   most chunks considered (unless the batch limit needs more)
     * @param perCallOverheadMs what one more call costs beyond its share of the work: dispatch, and the
     *                          shorter, less efficient forward passes of a smaller call
     */
    public record Config(int maxMicroBatches, double perCallOverheadMs) {
        /**
         * Up to 16 chunks, 60 ms per call: {@code bin/ayo4j bench split} measured 300 passages on the
         * local MiniLM embedder (one CPU thread) 2.9 % slower in 4 length-ordered calls than in one and
         * 9.5 % slower in 15, about 60-80 ms per extra call.
         */
        public static final Config DEFAULT = new Config(16, 60.0);

        public Config {
            Checks.argument(maxMicroBatches >= 2, "maxMicroBatches must be >= 2: %s", maxMicroBatches);
            Checks.argument(perCallOverheadMs >= 0 && Double.isFinite(perCallOverheadMs),
                    "perCallOverheadMs must be finite and >= 0: %s", perCallOverheadMs);
        }

        public Config withMaxMicroBatches(int n) {
            return new Config(n, perCallOverheadMs);
        }

        public Config withPerCallOverheadMs(double ms) {
            return new Config(maxMicroBatches, ms);
        }

        public StageDecomposeRule toRule() {
            return new StageDecomposeRule(this);
        }
    }

    /** A matched embed and ingest, with the edges that bind them. */
    private record Match(Node embed, Primitive.Embed embedOp, Edge texts, Node ingest, Primitive.Ingest ingestOp) {}

    /** The chosen split: {@code chunks} micro-batches of at most {@code size} items. */
    record Choice(int chunks, int size, double cost) {}

    private StageDecomposeRule(Config config) {
        super(config);
    }

    @Override
    public Pattern pattern() {
        return Pattern.of(Primitive.Embed.class, (node, g) -> match(node, g) != null);
    }

    @Override
    public void onMatch(RuleCall call) {
        PrimitiveGraph g = call.graph();
        Match m = match(call.node(), g);
        if (m == null) {
            return;
        }
        Choice choice = choose(m.embedOp(), m.ingestOp(), sharers(g, m.embed(), m.ingest()),
                call.context().costModel());
        if (choice == null) {
            return;
        }
        int n = m.embedOp().items();
        int chunks = choice.chunks();
        NodeId embedId = m.embed().id();
        NodeId ingestId = m.ingest().id();
        List<Edge> embedOrder = RuleSupport.orderIn(g, embedId);
        List<Edge> ingestOrder = RuleSupport.orderIn(g, ingestId);
        List<Edge> ingestOut = g.outgoing(ingestId);
        PortRef source = m.texts().from();

        GraphBuilder b = call.builder().remove(embedId).remove(ingestId);
        NodeId all = b.add(ingestId.derive(".all"), new Primitive.Aggregate(AggregateMode.ALL, ValueKind.SIGNAL,
                chunks, 0));
        for (int i = 0; i < chunks; i++) {
            int from = i * choice.size();
            int to = Math.min(n, from + choice.size());
            Slice slice = Slice.byLength(from, to);
            String suffix = "[" + (i + 1) + "/" + chunks + "]";
            NodeId e = b.add(embedId.derive(suffix), m.embedOp().withItems(slice.size()));
            NodeId in = b.add(ingestId.derive(suffix), m.ingestOp().withItems(slice.size()));
            b.edge(Edge.sliced(source, PortRef.of(e, Primitive.Embed.TEXTS), slice));
            b.edge(Edge.sliced(source, PortRef.of(in, Primitive.Ingest.PASSAGES), slice));
            b.connect(e, Primitive.Embed.VECTORS, in, Primitive.Ingest.VECTORS);
            b.connect(in, Primitive.Ingest.INDEX.name(), all, Primitive.Aggregate.port(i));
            for (Edge o : embedOrder) {
                b.edge(o.withTo(new PortRef(e, PortRef.ORDER)));
            }
            for (Edge o : ingestOrder) {
                b.edge(o.withTo(new PortRef(in, PortRef.ORDER)));
            }
        }
        for (Edge out : ingestOut) {
            b.edge(out.withFrom(PortRef.of(all, Primitive.Aggregate.OUT)));
        }
        call.transformTo(b);
    }

    /** The cheapest decomposition of {@code embed -> ingest}, or null if none beats the whole. */
    @Nullable Choice choose(Primitive.Embed embed, Primitive.Ingest ingest, int sharers, CostModel model) {
        int n = embed.items();
        int maxBatch = model.maxBatch(embed.engine());
        int calls = ceilDiv(n, maxBatch);
        double whole = serial(embed, ingest, calls, n, sharers, model);
        int lo = Math.max(2, calls);
        int hi = Math.max(config().maxMicroBatches(), lo);
        Choice best = null;
        for (int m = lo; m <= hi; m++) {
            int size = ceilDiv(n, m);
            int chunks = ceilDiv(n, size);
            if (size > maxBatch || chunks < 2) {
                continue;
            }
            double c = cost(embed, ingest, chunks, size, sharers, model);
            if (best == null || c < best.cost()) {
                best = new Choice(chunks, size, c);
            }
        }
        return best != null && best.cost() < whole ? best : null;
    }

    /**
     * The undecomposed pair: the engine embeds all N items in {@code calls} calls of at most its batch
     * limit (one call when N fits), then the ingest takes all of them; a sharer waits half an embed call.
     */
    private double serial(Primitive.Embed embed, Primitive.Ingest ingest, int calls, int n, int sharers,
                          CostModel model) {
        double e = model.millis(embed.withItems(ceilDiv(n, calls)));
        return calls * (e + config().perCallOverheadMs()) + model.millis(ingest) + sharers * e / 2;
    }

    private double cost(Primitive.Embed embed, Primitive.Ingest ingest, int chunks, int size, int sharers,
                        CostModel model) {
        double e = model.millis(embed.withItems(size));
        double i = model.millis(ingest.withItems(size));
        return e + i + (chunks - 1) * Math.max(e, i) + chunks * config().perCallOverheadMs() + sharers * e / 2;
    }

    /**
     * Other nodes addressed to the embed's engine whose wait behind the embed can delay the query: not
     * after the ingest, and with a consumer that does not wait for the ingest either.
     */
    static int sharers(PrimitiveGraph g, Node embed, Node ingest) {
        String engine = ((Primitive.Embed) embed.op()).engine();
        Set<NodeId> afterIngest = new HashSet<>(g.descendants(ingest.id()));
        int count = 0;
        for (Node n : g.nodes()) {
            if (n.id().equals(embed.id()) || !engine.equals(RuleSupport.engineOf(n.op()))
                    || afterIngest.contains(n.id())) {
                continue;
            }
            List<NodeId> consumers = g.successors(n.id());
            if (consumers.isEmpty() || !afterIngest.containsAll(consumers)) {
                count++;
            }
        }
        return count;
    }

    private static @Nullable Match match(Node node, PrimitiveGraph g) {
        if (!(node.op() instanceof Primitive.Embed embed) || embed.items() < 2) {
            return null;
        }
        Edge texts = RuleSupport.inputEdge(g, node.id(), Primitive.Embed.TEXTS.name());
        if (texts == null || texts.slice() != null) {
            return null;
        }
        List<Edge> out = g.outgoing(node.id());
        if (out.size() != 1 || !out.getFirst().carriesData() || !out.getFirst().to().port().equals(Primitive.Ingest.VECTORS.name())) {
            return null;
        }
        Node consumer = g.node(out.getFirst().to().node());
        if (!(consumer.op() instanceof Primitive.Ingest ingest)) {
            return null;
        }
        Edge passages = RuleSupport.inputEdge(g, consumer.id(), Primitive.Ingest.PASSAGES.name());
        if (passages == null || passages.slice() != null || !passages.from().equals(texts.from())) {
            return null;
        }
        return new Match(node, embed, texts, consumer, ingest);
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }
}
