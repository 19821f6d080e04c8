// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.plan.rules;

import dev.ayo4j.Checks;
import dev.ayo4j.app.EngineBinding;
import dev.ayo4j.app.Role;
import dev.ayo4j.graph.Edge;
import dev.ayo4j.graph.GraphBuilder;
import dev.ayo4j.graph.Node;
import dev.ayo4j.graph.NodeId;
import dev.ayo4j.graph.PortRef;
import dev.ayo4j.graph.PrimitiveGraph;
import dev.ayo4j.plan.ConfiguredRule;
import dev.ayo4j.plan.Pattern;
import dev.ayo4j.plan.RuleCall;
import dev.ayo4j.primitive.Primitive;
import dev.ayo4j.primitive.RerankScoring;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Moves work whose inputs are all on the corpus side from the queries to ingestion. First case: a
 * {@link RerankScoring#SIMILARITY similarity} reranker scores a passage by the dot product of the
 * query's vector and the passage's, and a passage's vector never depends on the query. The rule
 * rewrites both sides of a collection that is ingested once and queried many times:
 *
 * <ul>
 *   <li>An {@code Ingest} for later queries (its index signal reaches only outputs, through aggregates,
 *       as in the {@code ingest} app) also embeds its passages with the configured reranker's model
 *       ({@code Embed} on the reranker engine, fed the ingest's passages) and stores those vectors with
 *       the passages.</li>
 *   <li>A similarity {@code Rerank} whose candidates all come from searches (through aggregates) of
 *       collections this graph does not ingest is marked as reading stored vectors: it embeds its query
 *       once and takes dot products. A passage without a stored vector (a collection ingested before
 *       hoisting) is embedded at query time, so the scores are the same either way.</li>
 * </ul>
 *
 * <p>Never hoisted: a {@link RerankScoring#PAIR pair-scored} reranker (a cross-encoder), whose
 * scores depend on the pair. A rerank whose engine declares no {@code Embed} (an ONNX cross-encoder, a
 * TEI {@code /rerank}) is marked pair-scored by this rule, and its explain line says its passages are
 * scored at query time. Nor is a collection ingested by the query itself (document QA), where embedding
 * every ingested passage with the reranker is more work than embedding the few candidates it reranks.
 */
public final class HoistRule extends ConfiguredRule<HoistRule.Config> {
    /**
     * Configuration; {@link #DEFAULT} backs {@code CoreRules.HOIST}.
     *
     * @param reranker              the engine that reranks the collections' candidates at query time
     * @param scoring               how it scores; nothing is hoisted to ingestion for {@link RerankScoring#PAIR}
     * @param fallbackTokensPerItem tokens per passage assumed for the hoisted embed when the ingest's
     *                              own vectors come from no {@code Embed} to copy the figure from
     */
    public record Config(String reranker, RerankScoring scoring, int fallbackTokensPerItem) {
        /** The built-in apps' reranker ({@link EngineBinding#DEFAULT}), a similarity reranker, 150 tokens. */
        public static final Config DEFAULT = new Config(EngineBinding.DEFAULT.engine(Role.RERANKER),
                RerankScoring.SIMILARITY, 150);

        public Config {
            Objects.requireNonNull(reranker, "reranker");
            Objects.requireNonNull(scoring, "scoring");
            Checks.argument(!reranker.isBlank(), "reranker must not be blank");
            Checks.argument(fallbackTokensPerItem > 0, "fallbackTokensPerItem must be > 0: %s", fallbackTokensPerItem);
        }

        /** The same configuration for reranker engine {@code name}, which scores as {@code how}. */
        public Config withReranker(String name, RerankScoring how) {
            return new Config(name, how, fallbackTokensPerItem);
        }

        public Config withFallbackTokensPerItem(int n) {
            return new Config(reranker, scoring, n);
        }

        public HoistRule toRule() {
            return new HoistRule(this);
        }
    }

    private HoistRule(Config config) {
        super(config);
    }

    @Override
    public Pattern pattern() {
        return Pattern.of(Primitive.class, (node, g) -> switch (node.op()) {
            case Primitive.Ingest i -> config().scoring() == RerankScoring.SIMILARITY && i.reranker() == null
                    && forLaterQueries(g, node.id());
            case Primitive.Rerank r -> r.scoring() == RerankScoring.SIMILARITY && !r.storedVectors()
                    && searchesCollectionsIngestedElsewhere(g, node.id());
            default -> false;
        });
    }

    @Override
    public void onMatch(RuleCall call) {
        PrimitiveGraph g = call.graph();
        Node n = call.node();
        GraphBuilder b = call.builder();
        switch (n.op()) {
            case Primitive.Ingest ingest -> {
                if (!call.context().costModel().mayServe(config().reranker(), Primitive.Embed.class)) {
                    return; // a reranker that declared no Embed (a cross-encoder, a remote /rerank) keeps no vectors
                }
                Edge passages = RuleSupport.inputEdge(g, n.id(), Primitive.Ingest.PASSAGES.name());
                if (passages == null) {
                    return; // an invalid graph; the validator names it
                }
                NodeId embed = b.add(n.id().derive(".rerank-embed"),
                        new Primitive.Embed(config().reranker(), ingest.items(), tokensPerItem(g, n.id())));
                b.edge(passages.withTo(PortRef.of(embed, Primitive.Embed.TEXTS)));
                b.connect(embed, Primitive.Embed.VECTORS, n.id(), Primitive.Ingest.RERANK_VECTORS);
                b.replace(n.id(), ingest.withReranker(config().reranker()));
            }
            case Primitive.Rerank rerank -> b.replace(n.id(),
                    call.context().costModel().mayServe(rerank.engine(), Primitive.Embed.class)
                            ? rerank.withStoredVectors()
                            // its engine embeds nothing (a cross-encoder, a remote /rerank): it scores pairs,
                            // so there are no passage vectors to store, and explain says so
                            : rerank.withScoring(RerankScoring.PAIR));
            default -> {
                return;
            }
        }
        call.transformTo(b);
    }

    /** Whether the ingest's index signal reaches nothing but outputs, through aggregates. */
    private static boolean forLaterQueries(PrimitiveGraph g, NodeId ingest) {
        List<NodeId> consumers = g.successors(ingest);
        return !consumers.isEmpty() && RuleSupport.throughAggregates(g, consumers, g::successors).stream()
                .allMatch(id -> g.node(id).op() instanceof Primitive.Output);
    }

    /**
     * Whether every candidate of the rerank comes from a search (through aggregates) of a collection
     * that no {@code Ingest} of this graph writes.
     */
    private static boolean searchesCollectionsIngestedElsewhere(PrimitiveGraph g, NodeId rerank) {
        Edge in = RuleSupport.inputEdge(g, rerank, Primitive.Rerank.PASSAGES.name());
        if (in == null) {
            return false;
        }
        Set<String> ingested = new HashSet<>();
        for (Node n : g.nodes()) {
            if (n.op() instanceof Primitive.Ingest i) {
                ingested.add(i.collection());
            }
        }
        List<NodeId> candidates = List.of(in.from().node());
        for (NodeId id : RuleSupport.throughAggregates(g, candidates, n -> RuleSupport.dataIn(g, n))) {
            if (!(g.node(id).op() instanceof Primitive.VectorSearch s) || ingested.contains(s.collection())) {
                return false;
            }
        }
        return true;
    }

    /** Tokens per passage of the embed that feeds the ingest's search vectors, or the configured figure. */
    private int tokensPerItem(PrimitiveGraph g, NodeId ingest) {
        Edge vectors = RuleSupport.inputEdge(g, ingest, Primitive.Ingest.VECTORS.name());
        if (vectors != null && g.node(vectors.from().node()).op() instanceof Primitive.Embed e) {
            return e.tokensPerItem();
        }
        return config().fallbackTokensPerItem();
    }

}
