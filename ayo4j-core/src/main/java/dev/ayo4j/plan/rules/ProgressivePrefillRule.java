// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.plan.rules;

import dev.ayo4j.Checks;
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
import dev.ayo4j.primitive.PromptTemplate;
import dev.ayo4j.primitive.ValueKind;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Prefills an answer's retrieved context passage by passage as the passages become final, so that the
 * prompt cache grows while retrieval and reranking still run and only the last passages are prefilled
 * on the critical path: the progressive generalisation of {@link PrefillSplitRule}.
 *
 * <p>Matches a {@code Prefill} with a placeholder bound (unsliced) to an
 * {@link AggregateMode#ARRIVAL} aggregate of n &ge; 2 passage lists, unless a partial prefill covering
 * that placeholder already warms it. An arrival join of the first j inputs is a prefix of the whole
 * join, and numbered context of a prefix of a passage list renders a string prefix of the whole
 * context, so "template up to and including the placeholder, with the first j inputs' passages" is a
 * prefix of the final prompt. The rewrite adds, for j = 1 .. min(n - 1, {@link Config#maxSteps()}):
 * <ul>
 *   <li>{@code <aggregate>.prefix<j>}: the same join of the aggregate's first j inputs, with topK the
 *       sum of those inputs' shares ({@link Primitive.Aggregate#arrivalShare});</li>
 *   <li>{@code <prefill>.step<j>}: a {@code PartialPrefill} of the template through the placeholder,
 *       the placeholder bound to that prefix join and the other placeholders to the prefill's own
 *       producers, warmed by step j - 1;</li>
 * </ul>
 * and the prefill is warmed by the last step. Step 1 is warmed by the prefill's existing warm-up (the
 * instructions and question that {@link PrefillSplitRule} prefills) when there is one. Each step is a
 * prefill-only request for the growing prefix, which an engine with a prompt cache extends from where
 * the previous step left it. A failed step does not fail the query: the prompt is then prefilled from
 * whatever is cached, in the worst case in full.
 *
 * <p>With {@link AggregateMode#TOP_K} (context by score) no passage is final before every branch is
 * in, so the rule does not apply; a template whose context placeholder is its last segment is left
 * alone too (a partial prefill covers a proper prefix of its template).
 */
public final class ProgressivePrefillRule extends ConfiguredRule<ProgressivePrefillRule.Config> {
    /**
     * Configuration; {@link #DEFAULT} backs {@code CoreRules.PROGRESSIVE_PREFILL}.
     *
     * @param maxSteps         most progressive steps per prefill (the first branches get them)
     * @param otherInputTokens tokens assumed for each other placeholder's value (the question), for the
     *                         steps' token estimates
     */
    public record Config(int maxSteps, int otherInputTokens) {
        /** Up to 8 steps; 32-token questions. */
        public static final Config DEFAULT = new Config(8, 32);

        public Config {
            Checks.argument(maxSteps > 0, "maxSteps must be > 0: %s", maxSteps);
            Checks.argument(otherInputTokens >= 0, "otherInputTokens must be >= 0: %s", otherInputTokens);
        }

        public Config withMaxSteps(int n) {
            return new Config(n, otherInputTokens);
        }

        public Config withOtherInputTokens(int n) {
            return new Config(maxSteps, n);
        }

        public ProgressivePrefillRule toRule() {
            return new ProgressivePrefillRule(this);
        }
    }

    /** The matched prefill, its arrival-joined placeholder and where that placeholder renders. */
    private record Match(Primitive.Prefill prefill, String placeholder, int segment, Node join,
                         Primitive.Aggregate joinOp, @Nullable Edge warmup) {}

    private ProgressivePrefillRule(Config config) {
        super(config);
    }

    @Override
    public Pattern pattern() {
        return Pattern.of(Primitive.Prefill.class, (node, g) -> match(node, g) != null);
    }

    @Override
    public void onMatch(RuleCall call) {
        PrimitiveGraph g = call.graph();
        Node node = call.node();
        Match m = match(node, g);
        if (m == null) {
            return;
        }
        PromptTemplate t = m.prefill().template();
        int covered = m.segment() + 1;
        Set<String> names = t.placeholdersIn(covered);
        int n = m.joinOp().arity();
        int k = m.joinOp().topK();
        int steps = Math.min(n - 1, config().maxSteps());
        int fixedTokens = t.literalLength(t.segments().size()) / 4
                + (t.placeholders().size() - 1) * config().otherInputTokens();
        int contextTokens = Math.max(0, m.prefill().promptTokens() - fixedTokens);
        int prefixTokens = t.literalLength(covered) / 4 + (names.size() - 1) * config().otherInputTokens();

        GraphBuilder b = call.builder();
        PortRef previous = m.warmup() == null ? null : m.warmup().from();
        int passages = 0;
        for (int j = 1; j <= steps; j++) {
            passages += Primitive.Aggregate.arrivalShare(k, n, j - 1);
            NodeId prefix = b.add(m.join().id().derive(".prefix" + j), new Primitive.Aggregate(
                    AggregateMode.ARRIVAL, ValueKind.PASSAGE_LIST, j, Math.max(1, passages)));
            for (Edge e : g.incoming(m.join().id())) {
                if (e.carriesData() && portIndex(e.to().port()) < j) {
                    b.edge(e.withTo(PortRef.of(prefix, e.to().port())));
                }
            }
            int tokens = Math.clamp(prefixTokens + (long) contextTokens * passages / k, 1,
                    m.prefill().promptTokens());
            NodeId step = b.add(node.id().derive(".step" + j),
                    new Primitive.PartialPrefill(m.prefill().engine(), t, covered, tokens, previous != null));
            for (String name : names) {
                if (name.equals(m.placeholder())) {
                    b.connect(prefix, Primitive.Aggregate.OUT, step, name);
                } else {
                    Edge in = RuleSupport.inputEdge(g, node.id(), name);
                    if (in != null) {
                        b.edge(in.withTo(PortRef.of(step, name)));
                    }
                }
            }
            if (previous != null) {
                b.edge(Edge.of(previous, PortRef.of(step, Primitive.PartialPrefill.WARMUP)));
            }
            previous = PortRef.of(step, Primitive.PartialPrefill.WARMUP);
        }
        if (m.warmup() != null) {
            b.removeEdges(m.warmup()::equals);
        } else {
            b.replace(node.id(), m.prefill().withWarmed(true));
        }
        b.edge(Edge.of(previous, PortRef.of(node.id(), Primitive.PartialPrefill.WARMUP)));
        call.transformTo(b);
    }

    private static int portIndex(String port) {
        return port.startsWith("in") ? Integer.parseInt(port.substring(2)) : Integer.MAX_VALUE;
    }

    private static @Nullable Match match(Node node, PrimitiveGraph g) {
        if (!(node.op() instanceof Primitive.Prefill prefill)) {
            return null;
        }
        Edge warmup = prefill.warmed() ? RuleSupport.inputEdge(g, node.id(), Primitive.PartialPrefill.WARMUP.name()) : null;
        if (prefill.warmed() && (warmup == null
                || !(g.node(warmup.from().node()).op() instanceof Primitive.PartialPrefill))) {
            return null;
        }
        List<PromptTemplate.Segment> segments = prefill.template().segments();
        for (int i = 0; i < segments.size() - 1; i++) {
            if (!(segments.get(i) instanceof PromptTemplate.Placeholder(String name))) {
                continue;
            }
            Edge in = RuleSupport.inputEdge(g, node.id(), name);
            if (in == null || in.slice() != null
                    || !(g.node(in.from().node()).op() instanceof Primitive.Aggregate a)
                    || a.mode() != AggregateMode.ARRIVAL || a.arity() < 2) {
                continue;
            }
            if (warmup != null && g.node(warmup.from().node()).op() instanceof Primitive.PartialPrefill p
                    && p.segments() > i) {
                return null;
            }
            return new Match(prefill, name, i, g.node(in.from().node()), a, warmup);
        }
        return null;
    }
}
