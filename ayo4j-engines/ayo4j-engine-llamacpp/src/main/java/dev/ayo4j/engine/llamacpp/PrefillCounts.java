// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.engine.llamacpp;

/**
 * Prompt work of a {@link LlamaCppEngine} since it was opened: requests sent (prefills and warm-ups),
 * the tokens of their prompts, and the tokens llama.cpp actually prefilled, the rest having been found in
 * a slot's prompt cache.
 *
 * <p>java-llama.cpp does not hand llama.cpp's own per-request counts to Java, so {@code prefilledTokens}
 * comes from the engine's model of the slots' caches, which is exact while requests are pinned to slots
 * ({@link LlamaCppOptions#slotAffinity()}); without affinity llama.cpp picks the slot and every prompt
 * token counts as prefilled (an upper bound).
 *
 * @param requests        requests sent to llama.cpp
 * @param promptTokens    tokens of their prompts, BOS included
 * @param prefilledTokens of those, tokens evaluated rather than found cached
 */
public record PrefillCounts(long requests, long promptTokens, long prefilledTokens) {
    /** No work. */
    public static final PrefillCounts NONE = new PrefillCounts(0, 0, 0);

    /** Prompt tokens found in a slot's cache. */
    public long cachedTokens() {
        return promptTokens - prefilledTokens;
    }

    /** These counts plus one request. */
    PrefillCounts plus(int prompt, int prefilled) {
        return new PrefillCounts(requests + 1, promptTokens + prompt, prefilledTokens + prefilled);
    }

    /** The work done between {@code earlier} and these counts. */
    public PrefillCounts since(PrefillCounts earlier) {
        return new PrefillCounts(requests - earlier.requests, promptTokens - earlier.promptTokens,
                prefilledTokens - earlier.prefilledTokens);
    }
}
