// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.app;

import dev.ayo4j.Checks;
import java.util.Objects;

/**
 * Sizes of a built-in app.
 *
 * @param expansions   queries the question is expanded into (advanced-rag)
 * @param searchK      passages kept per search query
 * @param rerankK      passages kept after rerank, which form the answer's context
 * @param answerTokens most tokens of a generated answer
 * @param contextOrder order of the passages in the answer's context (advanced-rag)
 */
public record AppOptions(int expansions, int searchK, int rerankK, int answerTokens, ContextOrder contextOrder) {
    /** 3 expansions, top-20 search, rerank to top-3, answers of at most 128 tokens, context by score. */
    public static final AppOptions DEFAULT = new AppOptions(3, 20, 3, 128, ContextOrder.SCORE);

    /** Options with the context in {@link ContextOrder#SCORE} order. */
    public AppOptions(int expansions, int searchK, int rerankK, int answerTokens) {
        this(expansions, searchK, rerankK, answerTokens, ContextOrder.SCORE);
    }

    public AppOptions {
        Objects.requireNonNull(contextOrder, "contextOrder");
        Checks.argument(expansions > 0 && expansions <= 16, "expansions must be in 1..16: %s", expansions);
        Checks.argument(searchK > 0, "searchK must be > 0: %s", searchK);
        Checks.argument(rerankK > 0, "rerankK must be > 0: %s", rerankK);
        Checks.argument(answerTokens > 0, "answerTokens must be > 0: %s", answerTokens);
    }

    public AppOptions withExpansions(int n) {
        return new AppOptions(n, searchK, rerankK, answerTokens, contextOrder);
    }

    public AppOptions withSearchK(int k) {
        return new AppOptions(expansions, k, rerankK, answerTokens, contextOrder);
    }

    public AppOptions withRerankK(int k) {
        return new AppOptions(expansions, searchK, k, answerTokens, contextOrder);
    }

    public AppOptions withAnswerTokens(int n) {
        return new AppOptions(expansions, searchK, rerankK, n, contextOrder);
    }

    public AppOptions withContextOrder(ContextOrder order) {
        return new AppOptions(expansions, searchK, rerankK, answerTokens, order);
    }
}
