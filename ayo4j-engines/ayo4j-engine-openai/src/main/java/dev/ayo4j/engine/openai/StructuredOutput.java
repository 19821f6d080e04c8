// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.engine.openai;

/**
 * How an {@link OpenAiEngine} asks the server to constrain a {@code JsonList(n)} output to a JSON array
 * of exactly n strings. Servers disagree on the field, so the choice is a setting.
 *
 * <p>Each mode sends one form only: vLLM rejects a request that asks for two kinds of guided decoding
 * at once. Whatever the mode, the runtime parses the stream incrementally, so an unconstrained model
 * still works when it follows the prompt's instructions.
 */
public enum StructuredOutput {
    /** Send no constraint; rely on the prompt. */
    NONE,
    /**
     * {@code response_format: {"type": "json_schema", "json_schema": {"name", "schema"}}}: OpenAI's
     * field, accepted by vLLM, SGLang, recent llama.cpp server and Ollama. The default.
     */
    RESPONSE_FORMAT,
    /** {@code guided_json: schema}: vLLM's own extra parameter, for vLLM versions without the above. */
    GUIDED_JSON,
    /** {@code json_schema: schema}: llama.cpp server's field, which it turns into a grammar. */
    LLAMACPP_JSON_SCHEMA
}
