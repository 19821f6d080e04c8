// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.observability;

/**
 * Names from the OpenTelemetry semantic conventions for generative AI that ayo4j's metrics and spans use,
 * as typed constants: the meters, the attributes and the operation names.
 */
public final class GenAi {
    /** Histogram of the duration of one engine call (seconds). */
    public static final String CLIENT_OPERATION_DURATION = "gen_ai.client.operation.duration";
    /** Histogram of tokens per engine call, by {@link #TOKEN_TYPE}. */
    public static final String CLIENT_TOKEN_USAGE = "gen_ai.client.token.usage";
    /** Histogram of the time from an LLM request's start to its first output token (seconds). */
    public static final String SERVER_TIME_TO_FIRST_TOKEN = "gen_ai.server.time_to_first_token";
    /** Histogram of the time per output token after the first (seconds). */
    public static final String SERVER_TIME_PER_OUTPUT_TOKEN = "gen_ai.server.time_per_output_token";
    /** Histogram of the duration of one run of an app (seconds). */
    public static final String WORKFLOW_DURATION = "gen_ai.workflow.duration";

    /** Attribute: the operation, one of the {@code OP_} values. */
    public static final String OPERATION_NAME = "gen_ai.operation.name";
    /** Attribute: who serves the model (the engine's name unless described otherwise). */
    public static final String PROVIDER_NAME = "gen_ai.provider.name";
    /** Attribute: the model asked for. */
    public static final String REQUEST_MODEL = "gen_ai.request.model";
    /** Attribute: {@code input} or {@code output}. */
    public static final String TOKEN_TYPE = "gen_ai.token.type";
    /** Attribute: input tokens of a span. */
    public static final String USAGE_INPUT_TOKENS = "gen_ai.usage.input_tokens";
    /** Attribute: output tokens of a span. */
    public static final String USAGE_OUTPUT_TOKENS = "gen_ai.usage.output_tokens";
    /** Attribute: the name of the app a run belongs to. */
    public static final String WORKFLOW_NAME = "gen_ai.workflow.name";

    /** Operation of LLM prefill and decode primitives: ayo4j sends prompts, not chat messages. */
    public static final String OP_TEXT_COMPLETION = "text_completion";
    /** Operation of embedding primitives. */
    public static final String OP_EMBEDDINGS = "embeddings";
    /** Operation of vector search. */
    public static final String OP_RETRIEVAL = "retrieval";
    /** Operation of reranking (no convention yet; named like the others). */
    public static final String OP_RERANK = "rerank";

    private GenAi() {
    }

    /** The GenAI operation of a primitive kind, or {@code null} for primitives that are not model calls. */
    static String operation(String primitive) {
        return switch (primitive) {
            case "Prefill", "PartialPrefill", "Decode", "DecodeItem" -> OP_TEXT_COMPLETION;
            case "Embed" -> OP_EMBEDDINGS;
            case "VectorSearch" -> OP_RETRIEVAL;
            case "Rerank" -> OP_RERANK;
            default -> null;
        };
    }
}
