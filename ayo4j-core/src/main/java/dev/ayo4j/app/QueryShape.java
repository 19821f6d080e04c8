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
        Checks.argument(passageTokens > 0, "passageTokens must be > 0: %s", passageTokens);
        Checks.argument(questionTokens > 0, "questionTokens must be > 0: %s", questionTokens);
    }

    /** A query that indexes {@code passages} passages of about 150 tokens, with a 24-token question. */
    public static QueryShape ofPassages(int passages) {
        return new QueryShape(passages, Lowering.PASSAGE_TOKENS, 24);
    }
}
