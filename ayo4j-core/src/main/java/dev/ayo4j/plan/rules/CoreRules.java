// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.plan.rules;

/** Named instances of the core rules, each with its default configuration. */
public final class CoreRules {
    private CoreRules() {}

    /** Removes ordering-only edges inherited from the module chain, so independent work starts at once. */
    public static final DependencyPruneRule DEPENDENCY_PRUNE = DependencyPruneRule.Config.DEFAULT.toRule();

    /** Splits an embed-then-ingest of many passages into cost-sized micro-batch chains joined by an aggregate. */
    public static final StageDecomposeRule STAGE_DECOMPOSE = StageDecomposeRule.Config.DEFAULT.toRule();

    /** Prefills the prompt prefix whose inputs are ready early, before the late inputs arrive. */
    public static final PrefillSplitRule PREFILL_SPLIT = PrefillSplitRule.Config.DEFAULT.toRule();

    /** Prefills an arrival-ordered context passage by passage as the passages become final. */
    public static final ProgressivePrefillRule PROGRESSIVE_PREFILL = ProgressivePrefillRule.Config.DEFAULT.toRule();

    /** Feeds each item of a generated JSON list into its own embed, search and rerank branch as it completes. */
    public static final DecodePipelineRule DECODE_PIPELINE = DecodePipelineRule.Config.DEFAULT.toRule();

    /**
     * Moves a similarity reranker's passage embedding from the query to the ingestion of its
     * collection; leaves pair-scored rerankers (cross-encoders) as they are.
     */
    public static final HoistRule HOIST = HoistRule.Config.DEFAULT.toRule();

    /**
     * Scores each (question, passage) pair once per query: every branch of an expanded query after the
     * first reranks only the candidates the earlier branches did not retrieve.
     */
    public static final RerankShareRule RERANK_SHARE = RerankShareRule.Config.DEFAULT.toRule();

    /** Merges nodes that compute the same value from the same inputs, collapsing identical sub-graphs. */
    public static final DedupRule DEDUP = DedupRule.Config.DEFAULT.toRule();
}
