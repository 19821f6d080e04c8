// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.app;

/**
 * Order in which reranked passages enter an answer's context, an app option.
 *
 * <p>The two orders give different prompt texts for the same question, so answers can differ between
 * them; within one order the text never depends on optimization or timing: an optimized graph renders
 * exactly the prompt of the unoptimized one.
 */
public enum ContextOrder {
    /**
     * The best passages over every search query, by rerank score (ties by id): the default. No passage
     * is final before every query's branch is reranked, so the context is prefilled on arrival, after
     * all retrieval.
     */
    SCORE,
    /**
     * Per expanded query, in the order the LLM generated the queries, that query's best passages not
     * already listed (an even share of the rerank's k, a share a query cannot fill passing to the
     * next). The first query's passages are final as soon as its own branch is reranked, so with
     * decode pipelining the context can be prefilled passage by passage while later branches still
     * run (see {@code ProgressivePrefillRule}). The order is the queries' generation order, which is
     * when their branches start, rather than whichever branch happens to finish first: that keeps the
     * prompt text independent of load and timing. With a single search query it equals {@link #SCORE}.
     */
    ARRIVAL
}
