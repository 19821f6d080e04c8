package dev.ayo4j.app;

import dev.ayo4j.Checks;

/**
 * Sizes of a built-in app.
 *
 * @param expansions   queries the question is expanded into (advanced-rag)
 * @param searchK      passages kept per search query
 * @param rerankK      passages kept after rerank, which form the answer's context
 * @param answerTokens most tokens of a generated answer
 */
public record AppOptions(int expansions, int searchK, int rerankK, int answerTokens) {
    /** 3 expansions, top-20 search, rerank to top-3, answers of at most 128 tokens. */
    public static final AppOptions DEFAULT = new AppOptions(3, 20, 3, 128);

    public AppOptions {
        Checks.argument(expansions > 0 && expansions <= 16, "expansions must be in 1..16: %s", expansions);
        Checks.argument(searchK > 0, "searchK must be > 0: %s", searchK);
        Checks.argument(rerankK > 0, "rerankK must be > 0: %s", rerankK);
        Checks.argument(answerTokens > 0, "answerTokens must be > 0: %s", answerTokens);
    }

    public AppOptions withExpansions(int n) {
        return new AppOptions(n, searchK, rerankK, answerTokens);
    }

    public AppOptions withSearchK(int k) {
        return new AppOptions(expansions, k, rerankK, answerTokens);
    }

    public AppOptions withRerankK(int k) {
        return new AppOptions(expansions, searchK, k, answerTokens);
    }

    public AppOptions withAnswerTokens(int n) {
        return new AppOptions(expansions, searchK, rerankK, n);
    }
}
