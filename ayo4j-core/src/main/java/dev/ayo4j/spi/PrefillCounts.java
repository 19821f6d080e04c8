// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.spi;

/**
 * Prompt work of an LLM engine ({@link PrefillCounter}): requests sent (prefills and warm-ups), the tokens
 * of their prompts, and the tokens the LLM actually prefilled, the rest having been found in its prompt
 * cache. Engine-neutral: an in-process llama.cpp knows its counts from the slots it pins requests to, an
 * OpenAI-compatible server reports them in its answers (vLLM, SGLang and OpenAI as
 * {@code usage.prompt_tokens_details.cached_tokens}, llama.cpp server as {@code timings.prompt_n}).
 *
 * <p>A request whose engine could not tell what it prefilled (a server that reports no cache hits, an
 * in-process llama.cpp choosing slots itself) is {@code unreported}: all its prompt tokens count as
 * prefilled, an upper bound. Where {@code unreported} is 0 the counts are the engine's own.
 *
 * @param requests        requests sent to the LLM
 * @param promptTokens    tokens of their prompts
 * @param prefilledTokens of those, tokens evaluated rather than found cached
 * @param unreported      of the requests, those whose prefilled tokens the engine did not know (counted as
 *                        all their prompt tokens)
 */
public record PrefillCounts(long requests, long promptTokens, long prefilledTokens, long unreported) {
    /** No work. */
    public static final PrefillCounts NONE = new PrefillCounts(0, 0, 0, 0);

    public PrefillCounts {
        if (requests < 0 || promptTokens < 0 || prefilledTokens < 0 || unreported < 0 || unreported > requests) {
            throw new IllegalArgumentException(String.format("inconsistent prefill counts: %d requests (%d "
                    + "unreported), %d prompt tokens, %d prefilled", requests, unreported, promptTokens, prefilledTokens));
        }
    }

    /** One request of {@code promptTokens} tokens that prefilled {@code prefilledTokens} of them, as its engine knows. */
    public static PrefillCounts reported(long promptTokens, long prefilledTokens) {
        return new PrefillCounts(1, promptTokens, Math.min(promptTokens, Math.max(0, prefilledTokens)), 0);
    }

    /** One request of {@code promptTokens} tokens whose cache hits its engine does not know: all counted prefilled. */
    public static PrefillCounts unreported(long promptTokens) {
        return new PrefillCounts(1, promptTokens, promptTokens, 1);
    }

    /** Prompt tokens found in the prompt cache. */
    public long cachedTokens() {
        return promptTokens - prefilledTokens;
    }

    /** Whether every request's prefilled tokens are the engine's own count. */
    public boolean allReported() {
        return unreported == 0;
    }

    /** These counts and {@code other}'s together. */
    public PrefillCounts plus(PrefillCounts other) {
        return new PrefillCounts(requests + other.requests, promptTokens + other.promptTokens,
                prefilledTokens + other.prefilledTokens, unreported + other.unreported);
    }

    /** The work done between {@code earlier} and these counts. */
    public PrefillCounts since(PrefillCounts earlier) {
        return new PrefillCounts(requests - earlier.requests, promptTokens - earlier.promptTokens,
                prefilledTokens - earlier.prefilledTokens, unreported - earlier.unreported);
    }
}
