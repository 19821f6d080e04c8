// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.app;

import dev.ayo4j.Checks;

/**
 * Sizes of one query that its graph is instantiated with.
 *
 * @param passages       passages the query indexes (0 if the app indexes none per query)
 * @param passageTokens  typical tokens per passage
 * @param questionTokens tokens of the question
 */
public record QueryShape(int passages, int passageTokens, int questionTokens) {
    public QueryShape {
        Checks.argument(passages >= 0, "passages must be >= 0: %s", passages);
        Checks.argument(passages <= MAX_PASSAGES, "a query may index at most %s passages, not %s; search a larger"
                + " corpus as a collection ingested once beforehand", MAX_PASSAGES, passages);
        Checks.argument(passageTokens > 0, "passageTokens must be > 0: %s", passageTokens);
        Checks.argument(questionTokens > 0, "questionTokens must be > 0: %s", questionTokens);
        Checks.argument((long) passages * passageTokens <= MAX_TOKENS,
                "%s passages of %s tokens are %s tokens, over the limit of %s tokens per query: at most %s passages"
                        + " of that size", passages, passageTokens, (long) passages * passageTokens, MAX_TOKENS,
                MAX_TOKENS / passageTokens);
    }

    /**
     * Most passages one query may index: 1,000,000 (its graph then plans in seconds to a minute; far more
     * belongs in a collection ingested once).
     */
    public static final int MAX_PASSAGES = 1_000_000;

    /** Most tokens of passages one query may index (the largest count a token estimate holds). */
    public static final int MAX_TOKENS = Integer.MAX_VALUE;

    /** A query that indexes {@code passages} passages of about 150 tokens, with a 24-token question. */
    public static QueryShape ofPassages(int passages) {
        return new QueryShape(passages, Lowering.PASSAGE_TOKENS, 24);
    }
}
