// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.plan;

import dev.ayo4j.Ayo4jException;
import dev.ayo4j.plan.rules.CoreRules;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.SequencedSet;

/**
 * The named optimization passes, one per core rule, and their standard sequence: Ayo's four passes in
 * its canonical order (dependency pruning, stage decomposition, prefill split, decode pipelining),
 * then progressive prefill (the prefill split generalised to a chain over the context's passages),
 * hoisting (corpus-side work moved to ingestion) and de-duplication.
 */
public final class Passes {
    private Passes() {}

    /** Removes ordering-only edges inherited from the module chain. */
    public static final Pass DEPENDENCY_PRUNE = new Pass("dependency-prune", Program.of(CoreRules.DEPENDENCY_PRUNE));

    /** Splits large embed-then-ingest stages into micro-batch chains. */
    public static final Pass STAGE_DECOMPOSE = new Pass("stage-decompose", Program.of(CoreRules.STAGE_DECOMPOSE));

    /** Prefills prompt prefixes whose inputs are ready early. */
    public static final Pass PREFILL_SPLIT = new Pass("prefill-split", Program.of(CoreRules.PREFILL_SPLIT));

    /** Pipelines the items of a generated list into per-item retrieval branches. */
    public static final Pass DECODE_PIPELINE = new Pass("decode-pipeline", Program.of(CoreRules.DECODE_PIPELINE));

    /**
     * Prefills an arrival-ordered context passage by passage; runs after decode pipelining, whose
     * per-item branches are what make the first passages final early. Changes nothing for a context
     * in score order.
     */
    public static final Pass PROGRESSIVE_PREFILL = new Pass("progressive-prefill",
            Program.of(CoreRules.PROGRESSIVE_PREFILL));

    /**
     * Moves corpus-side work to ingestion: a similarity reranker's passage vectors are computed when the
     * passages are ingested and stored with them. Runs after stage decomposition, so each micro-batch
     * ingest gets its own reranker embed, and before de-duplication.
     */
    public static final Pass HOIST = new Pass("hoist", Program.of(CoreRules.HOIST));

    /**
     * Scores each (question, passage) pair once per query across the branches of an expanded query.
     * Runs after decode pipelining, which makes the branches and their merge.
     */
    public static final Pass RERANK_SHARE = new Pass("rerank-share", Program.of(CoreRules.RERANK_SHARE));

    /**
     * Merges identical computations. Pruning runs in the same rule group: two duplicates may differ
     * only by ordering edges that pruning removes, and a merge may leave an ordering edge that pruning
     * can now remove, so the two rules reach their fixpoint together.
     */
    public static final Pass DEDUP = new Pass("dedup",
            Program.builder().addGroup(CoreRules.DEDUP, CoreRules.DEPENDENCY_PRUNE).build());

    /**
     * Every pass, in Ayo's canonical order, then progressive prefill, hoisting, shared rerank and
     * de-duplication.
     */
    public static final List<Pass> STANDARD = List.of(DEPENDENCY_PRUNE, STAGE_DECOMPOSE, PREFILL_SPLIT,
            DECODE_PIPELINE, PROGRESSIVE_PREFILL, HOIST, RERANK_SHARE, DEDUP);

    /** No optimization: the graph runs as lowered. */
    public static final List<Pass> NONE = List.of();

    /**
     * The passes named in a comma-separated list, in the order given, e.g.
     * {@code "dependency-prune,prefill-split"}; {@code "standard"} and {@code "none"} stand for
     * {@link #STANDARD} and {@link #NONE}. Names are case-insensitive; an empty list means none; a pass
     * named twice runs once, where first named. Throws {@link Ayo4jException} naming the known passes.
     */
    public static List<Pass> byNames(String csv) {
        Objects.requireNonNull(csv, "csv");
        SequencedSet<Pass> chosen = new LinkedHashSet<>();
        for (String raw : csv.split(",", -1)) {
            String name = raw.strip().toLowerCase(Locale.ROOT);
            if (name.isEmpty()) {
                if (csv.isBlank()) {
                    continue;
                }
                throw new Ayo4jException("empty pass name in '" + csv + "'; known passes: " + knownNames());
            }
            switch (name) {
                case "standard" -> chosen.addAll(STANDARD);
                case "none" -> { }
                default -> chosen.add(STANDARD.stream().filter(p -> p.name().equals(name)).findFirst()
                        .orElseThrow(() -> new Ayo4jException("unknown pass '" + raw.strip() + "'; known passes: "
                                + knownNames())));
            }
        }
        return List.copyOf(new ArrayList<>(chosen));
    }

    private static List<String> knownNames() {
        List<String> names = new ArrayList<>(STANDARD.stream().map(Pass::name).toList());
        names.add("standard");
        names.add("none");
        return names;
    }
}
