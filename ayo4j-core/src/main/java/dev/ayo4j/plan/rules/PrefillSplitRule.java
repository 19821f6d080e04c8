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
import dev.ayo4j.plan.cost.CostModel;
import dev.ayo4j.primitive.Primitive;
import dev.ayo4j.primitive.PromptTemplate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Prefills the part of a prompt whose inputs are ready early while the rest is still being computed
 * (Ayo's {@code prefilling_split}, with the split chosen by input availability rather than at the
 * first placeholder).
 *
 * <p>Matches a {@code Prefill} that is not yet warmed and whose template has at least two segments.
 * Each placeholder's input is <em>early</em> if its producer is estimated to finish before
 * {@link Config#earlyThresholdMs()}: start times are the longest path of cost-model service times
 * from the graph's sources (a STREAM consumer starts with its producer), so graph inputs are early
 * and anything behind an engine call is late. The split point is the first segment that is a
 * placeholder bound to a late input; the prefix is every segment before it. The rule rewrites only
 * if the prefix is non-empty, is not the whole template, holds at least
 * {@link Config#minPrefixChars()} characters of literal text or at least one early placeholder, and
 * its partial prefill is estimated to finish before the first late input is ready (otherwise it would
 * delay the prefill rather than hide behind the late work).
 *
 * <p>The rewrite adds a {@code PartialPrefill} ({@code <id>.partial}) of the prefix, bound to the same
 * producers as the prefill's prefix placeholders, and marks the prefill {@code warmed}: its
 * {@code warmup} port waits on the partial prefill, so the engine finds the prefix in its cache.
 * The prefix's token estimate is its literal characters / 4, plus for each early placeholder
 * {@link Config#earlyInputTokens()}, capped by an even share of the prompt tokens that the template's
 * literal text does not account for (the graph carries no per-input sizes).
 *
 * <p>Templates put late inputs last, so on advanced-rag the partial prefill covers the instructions
 * and the question, and the retrieved context is prefilled on arrival.
 *
 * <p>{@link ProgressivePrefillRule} extends the warm-up this rule adds into a chain over the
 * retrieved context, passage by passage, when the context is joined in arrival order; with the
 * context by score, one split is all there is to gain, since no passage is final before the last.
 */
public final class PrefillSplitRule extends ConfiguredRule<PrefillSplitRule.Config> {
    /**
     * Configuration; {@link #DEFAULT} backs {@code CoreRules.PREFILL_SPLIT}.
     *
     * @param earlyThresholdMs an input estimated to be ready before this many milliseconds is early
     * @param minPrefixChars   least literal text worth a partial prefill when no early placeholder is in
     *                         the prefix
     * @param earlyInputTokens tokens assumed for an early placeholder's value (typically the question),
     *                         at most an even share of the prompt tokens its literal text leaves over
     */
    public record Config(double earlyThresholdMs, int minPrefixChars, int earlyInputTokens) {
        /** Early means ready within 1 ms; at least 32 characters of instructions; 32-token questions. */
        public static final Config DEFAULT = new Config(1.0, 32, 32);

        public Config {
            Checks.argument(earlyThresholdMs > 0 && Double.isFinite(earlyThresholdMs),
                    "earlyThresholdMs must be finite and > 0: %s", earlyThresholdMs);
            Checks.argument(minPrefixChars >= 0, "minPrefixChars must be >= 0: %s", minPrefixChars);
            Checks.argument(earlyInputTokens > 0, "earlyInputTokens must be > 0: %s", earlyInputTokens);
        }

        public Config withEarlyThresholdMs(double ms) {
            return new Config(ms, minPrefixChars, earlyInputTokens);
        }

        public Config withMinPrefixChars(int n) {
            return new Config(earlyThresholdMs, n, earlyInputTokens);
        }

        public Config withEarlyInputTokens(int n) {
            return new Config(earlyThresholdMs, minPrefixChars, n);
        }

        public PrefillSplitRule toRule() {
            return new PrefillSplitRule(this);
        }
    }

    private PrefillSplitRule(Config config) {
        super(config);
    }

    @Override
    public Pattern pattern() {
        return Pattern.of(Primitive.Prefill.class, (node, _) -> node.op() instanceof Primitive.Prefill p
                && !p.warmed() && p.template().segments().size() >= 2);
    }

    @Override
    public void onMatch(RuleCall call) {
        Node node = call.node();
        if (!(node.op() instanceof Primitive.Prefill prefill)) {
            throw new IllegalStateException("pattern matched a non-prefill node: " + node);
        }
        PrimitiveGraph g = call.graph();
        CostModel model = call.context().costModel();
        Map<String, Double> ready = inputReadyTimes(g, node.id(), model);
        Set<String> late = new HashSet<>();
        double firstLate = Double.POSITIVE_INFINITY;
        for (Map.Entry<String, Double> e : ready.entrySet()) {
            if (e.getValue() >= config().earlyThresholdMs()) {
                late.add(e.getKey());
                firstLate = Math.min(firstLate, e.getValue());
            }
        }
        PromptTemplate t = prefill.template();
        List<PromptTemplate.Segment> segments = t.segments();
        int split = segments.size();
        for (int i = 0; i < segments.size(); i++) {
            if (segments.get(i) instanceof PromptTemplate.Placeholder(String name) && late.contains(name)) {
                split = i;
                break;
            }
        }
        if (split == 0 || split == segments.size()) {
            return;
        }
        Set<String> prefixInputs = t.placeholdersIn(split);
        int literalChars = t.literalLength(split);
        if (literalChars < config().minPrefixChars() && prefixInputs.isEmpty()) {
            return;
        }
        int prefixTokens = prefixTokens(prefill, split, prefixInputs.size());
        var partialOp = new Primitive.PartialPrefill(prefill.engine(), t, split, prefixTokens, false);
        double prefixReady = 0;
        for (String name : prefixInputs) {
            prefixReady = Math.max(prefixReady, ready.get(name));
        }
        if (prefixReady + model.millis(partialOp) > firstLate) {
            return;
        }

        NodeId id = node.id();
        GraphBuilder b = call.builder();
        NodeId partial = b.add(id.derive(".partial"), partialOp);
        // Ordering-only edges stay on the full prefill alone: warming a cache has no effect that an
        // ordering constraint could protect, and holding the warm-up back would defeat it.
        for (Edge e : g.incoming(id)) {
            if (e.carriesData() && prefixInputs.contains(e.to().port())) {
                b.edge(e.withTo(PortRef.of(partial, e.to().port())));
            }
        }
        b.replace(id, prefill.withWarmed(true));
        b.connect(partial, Primitive.PartialPrefill.WARMUP, id, Primitive.PartialPrefill.WARMUP);
        call.transformTo(b);
    }

    /** Estimated time at which each data input of {@code prefill} is ready, by input port. */
    private static Map<String, Double> inputReadyTimes(PrimitiveGraph g, NodeId prefill, CostModel model) {
        Map<NodeId, Double> start = RuleSupport.startTimes(g, model);
        Map<String, Double> ready = new HashMap<>();
        for (Edge e : g.incoming(prefill)) {
            if (e.carriesData()) {
                NodeId p = e.from().node();
                ready.put(e.to().port(),
                        start.get(p) + (e.kind() == EdgeKind.STREAM ? 0 : model.millis(g.node(p).op())));
            }
        }
        return ready;
    }

    /** Literal characters / 4, plus per early placeholder its assumed tokens, capped by an even share. */
    private int prefixTokens(Primitive.Prefill prefill, int split, int earlyPlaceholders) {
        PromptTemplate t = prefill.template();
        int literalTokens = t.literalLength(t.segments().size()) / 4;
        int placeholders = t.placeholders().size();
        int share = placeholders == 0 ? 0 : Math.max(0, prefill.promptTokens() - literalTokens) / placeholders;
        int tokens = t.literalLength(split) / 4 + earlyPlaceholders * Math.min(share, config().earlyInputTokens());
        return Math.clamp(tokens, 1, prefill.promptTokens());
    }
}
