// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.engine.openai;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jspecify.annotations.Nullable;

/**
 * One parsed event of a streamed OpenAI response: the {@code data:} payload of a server-sent event.
 *
 * @param hasChoice     whether the event carries a choice, i.e. the model has produced something
 * @param text          the text it adds (empty for role-only or final chunks)
 * @param finishReason  why generation stopped, on the last choice chunk; null before
 * @param promptTokens  {@code usage.prompt_tokens}, or -1 when the event carries no usage
 * @param error         the server's error text when it reports a failure inside the stream; null otherwise
 * @param usage         what the event says about the prompt, cache hits included ({@link PromptUsage})
 */
record StreamChunk(boolean hasChoice, String text, @Nullable String finishReason, int promptTokens,
                   @Nullable String error, PromptUsage usage) {
    /** An event that says nothing about the prompt's cache hits. */
    StreamChunk(boolean hasChoice, String text, @Nullable String finishReason, int promptTokens, @Nullable String error) {
        this(hasChoice, text, finishReason, promptTokens, error, new PromptUsage(promptTokens, -1));
    }

    /** The payload that ends every OpenAI stream. */
    static final String DONE = "[DONE]";

    /**
     * Parses one event's data; {@code api} says where the text is ({@code choices[0].text} or
     * {@code choices[0].delta.content}).
     *
     * @throws JsonProcessingException if the data is not a JSON object
     */
    static StreamChunk parse(ObjectMapper json, String data, OpenAiApi api) throws JsonProcessingException {
        JsonNode root = json.readTree(data);
        if (root == null || !root.isObject()) {
            throw JsonMappingException.from((JsonParser) null, "expected a JSON object, got: " + data);
        }
        PromptUsage usage = PromptUsage.of(root);
        int promptTokens = usage.promptTokens();
        JsonNode error = root.path("error");
        if (!error.isMissingNode() && !error.isNull()) {
            String message = error.path("message").isTextual() ? error.path("message").asText() : error.toString();
            return new StreamChunk(false, "", null, promptTokens, message, usage);
        }
        if ("error".equals(root.path("object").asText())) {
            // Older vLLM: {"object": "error", "message": ...} at the top level.
            return new StreamChunk(false, "", null, promptTokens, root.path("message").asText(root.toString()), usage);
        }
        JsonNode choice = root.path("choices").path(0);
        if (!choice.isObject()) {
            return new StreamChunk(false, "", null, promptTokens, null, usage);
        }
        JsonNode text = switch (api) {
            case COMPLETIONS -> choice.path("text");
            case CHAT -> choice.path("delta").path("content");
        };
        JsonNode finish = choice.path("finish_reason");
        return new StreamChunk(true, text.isTextual() ? text.asText() : "", finish.isTextual() ? finish.asText() : null,
                promptTokens, null, usage);
    }
}
