// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.plan.rules;

import dev.ayo4j.graph.Edge;
import dev.ayo4j.graph.GraphBuilder;
import dev.ayo4j.graph.Node;
import dev.ayo4j.graph.NodeId;
import dev.ayo4j.graph.PortRef;
import dev.ayo4j.graph.PrimitiveGraph;
import dev.ayo4j.plan.ConfiguredRule;
import dev.ayo4j.plan.Pattern;
import dev.ayo4j.plan.RuleCall;
import dev.ayo4j.primitive.AggregateMode;
import dev.ayo4j.primitive.Primitive;
import dev.ayo4j.primitive.ValueKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Scores each (question, passage) pair once per query, however many branches of an expanded query
 * retrieve the passage: matches the {@link AggregateMode#TOP_K TOP_K} merge of the branches' reranks and
 * puts an {@link AggregateMode#UNSEEN UNSEEN} filter before the rerank of every branch after the first,
 * so that branch scores only the candidates the earlier branches' searches did not return. Branches still
 * start as their items are decoded (decode pipelining stays); a branch waits only for the searches of the
 * branches before it, which its own item follows in the stream.
 *
 * <p>The merged context is unchanged. Let S be the best {@code k} of all candidates (score, then id: the
 * merge's order; a pair's score does not depend on the branch that asks). Each passage of S is among the
 * best {@code k} of any candidate set holding it, in particular of the first branch that retrieves it,
 * which still scores it, and every passage a filtered branch returns is a candidate: the merge's best
 * {@code k} are S again. That needs every rerank to keep at least the merge's {@code k}, the same engine,
 * scoring and question for all branches, and no other reader of a branch's reranked list, which the rule
 * checks; it never fires for {@link AggregateMode#ARRIVAL ARRIVAL} context, whose branch shares depend on
 * each branch's own list.
 */
public final class RerankShareRule extends ConfiguredRule<RerankShareRule.Config> {
    /** Configuration; {@link #DEFAULT} backs {@code CoreRules.RERANK_SHARE}. It has no settings. */
    public record Config() {
        public static final Config DEFAULT = new Config();

        public RerankShareRule toRule() {
            return new RerankShareRule(this);
        }
    }

    private RerankShareRule(Config config) {
        super(config);
    }

    /** Suffix of the id of the filter put before a branch's rerank. */
    public static final String UNSEEN_SUFFIX = ".unseen";

    @Override
    public Pattern pattern() {
        return Pattern.of(Primitive.Aggregate.class, (node, g) -> {
            List<Node> reranks = branches(g, node);
            if (reranks == null) {
                return false;
            }
            for (int k = 1; k < reranks.size(); k++) {
                if (!filtered(g, reranks.get(k).id())) {
                    return true;
                }
            }
            return false;
        });
    }

    @Override
    public void onMatch(RuleCall call) {
        PrimitiveGraph g = call.graph();
        List<Node> reranks = Objects.requireNonNull(branches(g, call.node()), "pattern matched a merge it rejects");
        GraphBuilder b = call.builder();
        List<Edge> sources = new ArrayList<>();
        for (Node r : reranks) {
            sources.add(searchEdge(g, r.id()));
        }
        for (int k = 1; k < reranks.size(); k++) {
            NodeId rerank = reranks.get(k).id();
            if (filtered(g, rerank)) {
                continue;
            }
            NodeId unseen = b.add(rerank.derive(UNSEEN_SUFFIX),
                    new Primitive.Aggregate(AggregateMode.UNSEEN, ValueKind.PASSAGE_LIST, k + 1, 0));
            Edge own = RuleSupport.inputEdge(g, rerank, Primitive.Rerank.PASSAGES.name());
            b.removeEdges(e -> e.equals(own));
            b.edge(sources.get(k).withTo(PortRef.of(unseen, Primitive.Aggregate.port(0))));
            for (int j = 0; j < k; j++) {
                b.edge(sources.get(j).withTo(PortRef.of(unseen, Primitive.Aggregate.port(j + 1))));
            }
            b.connect(unseen, Primitive.Aggregate.OUT, rerank, Primitive.Rerank.PASSAGES.name());
        }
        call.transformTo(b);
    }

    /**
     * The reranks merged by {@code merge}, in port order, if it is a TOP_K merge of at least two reranks
     * that this rule may share (see the class comment); null otherwise.
     */
    private static @Nullable List<Node> branches(PrimitiveGraph g, Node merge) {
        if (!(merge.op() instanceof Primitive.Aggregate a) || a.mode() != AggregateMode.TOP_K || a.arity() < 2) {
            return null;
        }
        List<Node> reranks = new ArrayList<>();
        PortRef question = null;
        Primitive.Rerank first = null;
        for (int k = 0; k < a.arity(); k++) {
            Edge in = RuleSupport.inputEdge(g, merge.id(), Primitive.Aggregate.port(k));
            if (in == null || in.slice() != null || !(g.node(in.from().node()).op() instanceof Primitive.Rerank r)) {
                return null;
            }
            NodeId id = in.from().node();
            Edge q = RuleSupport.inputEdge(g, id, Primitive.Rerank.QUERY.name());
            if (q == null || r.topK() < a.topK() || RuleSupport.dataOut(g, id).size() != 1
                    || searchEdge(g, id) == null) {
                return null;
            }
            if (first == null) {
                first = r;
                question = q.from();
            } else if (!first.engine().equals(r.engine()) || first.scoring() != r.scoring()
                    || !q.from().equals(question)) {
                return null;
            }
            reranks.add(g.node(id));
        }
        return reranks;
    }

    /** Whether the rerank's candidates already pass an UNSEEN filter. */
    private static boolean filtered(PrimitiveGraph g, NodeId rerank) {
        Edge in = RuleSupport.inputEdge(g, rerank, Primitive.Rerank.PASSAGES.name());
        return in != null && g.node(in.from().node()).op() instanceof Primitive.Aggregate u
                && u.mode() == AggregateMode.UNSEEN;
    }

    /** The edge that brings the rerank its branch's own candidates, through its filter if it has one. */
    private static @Nullable Edge searchEdge(PrimitiveGraph g, NodeId rerank) {
        Edge in = RuleSupport.inputEdge(g, rerank, Primitive.Rerank.PASSAGES.name());
        if (in != null && filtered(g, rerank)) {
            in = RuleSupport.inputEdge(g, in.from().node(), Primitive.Aggregate.port(0));
        }
        return in;
    }
}
