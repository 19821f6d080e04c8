// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.engine.openai;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ayo4j.primitive.OutputFormat;
import dev.ayo4j.spi.Task;

/**
 * Builds the JSON bodies of an {@link OpenAiEngine}'s requests from its options: a streamed generation
 * and a one-token warm-up. Every body asks for greedy sampling with a fixed seed, so output is
 * repeatable on servers that honour both.
 */
final class RequestBodies {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final OpenAiOptions options;

    RequestBodies(OpenAiOptions options) {
        this.options = options;
    }

    /**
     * A streamed generation of at most {@code maxTokens} tokens, asking for usage in the last chunk and
     * for the structured output {@code format} needs.
     */
    ObjectNode generation(Task task, String prompt, OutputFormat format, int maxTokens) {
        ObjectNode body = base(task, prompt, maxTokens);
        body.put("stream", true);
        body.putObject("stream_options").put("include_usage", true);
        if (format instanceof OutputFormat.JsonList(int items)) {
            addStructuredOutput(body, items);
        }
        return body;
    }

    /**
     * A warm-up: one token, not streamed, so the server prefills {@code prefix} and keeps it in its
     * prefix cache. Some servers reject {@code max_tokens: 0}, hence one.
     */
    ObjectNode warmUp(Task task, String prefix) {
        ObjectNode body = base(task, prefix, 1);
        body.put("stream", false);
        return body;
    }

    private ObjectNode base(Task task, String prompt, int maxTokens) {
        ObjectNode body = NODES.objectNode();
        body.put("model", options.model());
        switch (options.api()) {
            case COMPLETIONS -> body.put("prompt", prompt);
            case CHAT -> body.putArray("messages").addObject().put("role", "user").put("content", prompt);
        }
        body.put("max_tokens", maxTokens);
        body.put("temperature", 0);
        body.put("seed", options.seed());
        if (options.cachePrompt()) {
            body.put("cache_prompt", true);
        }
        if (options.sendPriority()) {
            body.put("priority", options.priority().of(task));
        }
        return body;
    }

    private void addStructuredOutput(ObjectNode body, int items) {
        switch (options.structuredOutput()) {
            case NONE -> { }
            case RESPONSE_FORMAT -> {
                ObjectNode format = body.putObject("response_format").put("type", "json_schema");
                ObjectNode spec = format.putObject("json_schema").put("name", "string_list");
                spec.set("schema", listSchema(items));
            }
            case GUIDED_JSON -> body.set("guided_json", listSchema(items));
            case LLAMACPP_JSON_SCHEMA -> body.set("json_schema", listSchema(items));
        }
    }

    /** JSON schema of an array of exactly {@code items} strings. */
    static ObjectNode listSchema(int items) {
        ObjectNode schema = NODES.objectNode().put("type", "array");
        schema.putObject("items").put("type", "string");
        schema.put("minItems", items).put("maxItems", items);
        return schema;
    }
}
