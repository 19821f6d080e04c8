// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.engine.openai;

/**
 * Which OpenAI endpoint an {@link OpenAiEngine} sends prompts to.
 *
 * <p>{@link #COMPLETIONS} is the default: prefix caching and prefill splitting need the server to see
 * exactly the prompt text ayo4j rendered, and a chat template could add tokens after a warm-up prefix
 * (so the full prompt would no longer start with it). {@link #CHAT} sends the prompt as one user
 * message, for servers or models that only offer chat.
 */
public enum OpenAiApi {
    /** {@code POST {baseUrl}/completions} with {@code prompt}; the text arrives in {@code choices[0].text}. */
    COMPLETIONS("/completions"),
    /**
     * {@code POST {baseUrl}/chat/completions} with one user message; the text arrives in
     * {@code choices[0].delta.content} (streamed) or {@code choices[0].message.content}.
     */
    CHAT("/chat/completions");

    private final String path;

    OpenAiApi(String path) {
        this.path = path;
    }

    /** Path of the endpoint below the base URL, e.g. {@code /completions}. */
    public String path() {
        return path;
    }
}
