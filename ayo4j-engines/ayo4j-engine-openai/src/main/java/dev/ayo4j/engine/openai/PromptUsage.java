// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.engine.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ayo4j.spi.PrefillCounts;

/**
 * What a server says about one request's prompt, read from a response body or a stream event:
 * {@code usage.prompt_tokens}, and the tokens it prefilled where it reports its prompt cache's hits.
 * vLLM (with {@code --enable-prompt-tokens-details}), SGLang and OpenAI report
 * {@code usage.prompt_tokens_details.cached_tokens}; llama.cpp server reports {@code timings.prompt_n},
 * the prompt tokens it evaluated. llama.cpp's {@code tokens_cached} is not read: it is the slot's
 * position after the request (prompt and generated tokens), not the prompt's cache hit.
 *
 * @param promptTokens    the prompt's tokens, or -1 if not reported
 * @param prefilledTokens of those, the tokens the server evaluated, or -1 if it does not say
 */
record PromptUsage(int promptTokens, int prefilledTokens) {
    /** Nothing reported. */
    static final PromptUsage NONE = new PromptUsage(-1, -1);

    /** The usage in {@code root}, a response body or one streamed event. */
    static PromptUsage of(JsonNode root) {
        JsonNode usage = root.path("usage");
        int prompt = usage.path("prompt_tokens").isInt() ? usage.path("prompt_tokens").asInt() : -1;
        JsonNode cached = usage.path("prompt_tokens_details").path("cached_tokens");
        JsonNode evaluated = root.path("timings").path("prompt_n");
        int prefilled = -1;
        if (cached.isInt() && prompt >= 0) {
            prefilled = Math.max(0, prompt - cached.asInt());
        } else if (evaluated.isInt() && evaluated.asInt() >= 0) {
            prefilled = evaluated.asInt();
        }
        return new PromptUsage(prompt, prefilled);
    }

    /** This usage with what {@code later} reports in its place (the usage of a stream's last event). */
    PromptUsage updatedBy(PromptUsage later) {
        return new PromptUsage(later.promptTokens >= 0 ? later.promptTokens : promptTokens,
                later.prefilledTokens >= 0 ? later.prefilledTokens : prefilledTokens);
    }

    /**
     * One request's counts: reported where the server said what it prefilled, else unreported (all of the
     * prompt's tokens counted prefilled); {@code fallbackPromptTokens} where it gave no prompt tokens.
     */
    PrefillCounts counts(int fallbackPromptTokens) {
        int prompt = promptTokens >= 0 ? promptTokens : Math.max(0, fallbackPromptTokens);
        return prefilledTokens >= 0 ? PrefillCounts.reported(prompt, prefilledTokens) : PrefillCounts.unreported(prompt);
    }
}
