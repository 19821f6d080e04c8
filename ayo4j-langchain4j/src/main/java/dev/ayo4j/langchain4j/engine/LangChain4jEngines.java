// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.langchain4j.engine;

import dev.ayo4j.spi.EngineConfig;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.scoring.ScoringModel;
import dev.langchain4j.store.embedding.EmbeddingStore;
import java.util.Map;
import java.util.Objects;

/**
 * Engine configurations that make a LangChain4j model an ayo4j engine, created through the {@value
 * #PROVIDER} provider like every other engine:
 *
 * {@snippet :
 * EngineProviders providers = EngineProviders.load();
 * Engine llm = providers.create(new EngineSpec(LangChain4jEngines.PROVIDER, LangChain4jEngines.chat("llm", chatModel), Set.of(Role.LLM)));
 * Engine embedder = providers.create(new EngineSpec(LangChain4jEngines.PROVIDER, LangChain4jEngines.embedding("embedder", model), Set.of(Role.EMBEDDER)));
 * }
 *
 * <p>Each configuration carries the model as the object {@value #MODEL}; the provider picks the engine
 * from the model's type. String options, given with the {@code options} overloads, tune the limits the
 * scheduler respects: {@value #MAX_BATCH} (tasks per engine call; default {@value #DEFAULT_MAX_BATCH}),
 * {@value #MAX_CONCURRENCY} (engine calls in flight; default {@value #DEFAULT_MAX_CONCURRENCY}) and, for
 * a chat model, {@value #MAX_TOKENS_OPTION} (the most tokens any prompt and answer may take; default
 * unbounded).
 *
 * <p>What such an engine cannot do, compared with the built-in ones: it cannot prefill a prompt without
 * generating, so a {@code PartialPrefill} (the planner's prompt warm-up) reports not done and the runtime
 * falls back to prefilling the whole prompt; it batches no further than the LangChain4j API offers (one
 * {@code embedAll} per batch of embed tasks, one {@code scoreAll} per rerank, one request per prompt);
 * and token counts are known only where the provider reports them.
 */
public final class LangChain4jEngines {
    /** Name of the engine provider. */
    public static final String PROVIDER = "langchain4j";
    /** Key of the LangChain4j model (or store) in {@link EngineConfig#objects()}. */
    public static final String MODEL = "model";
    /** Option: most tasks in one engine call. */
    public static final String MAX_BATCH = "maxBatch";
    /** Option: most engine calls in flight at once. */
    public static final String MAX_CONCURRENCY = "maxConcurrency";
    /** Option of chat engines: the most tokens a prompt and its answer may take together. */
    public static final String MAX_TOKENS_OPTION = "maxTokens";
    /** Default of {@value #MAX_BATCH}. */
    public static final int DEFAULT_MAX_BATCH = 32;
    /**
     * Default of {@value #MAX_CONCURRENCY}: a few requests at once, which a remote provider serves side by
     * side and an in-process model serializes itself.
     */
    public static final int DEFAULT_MAX_CONCURRENCY = 4;

    private LangChain4jEngines() {}

    /** An LLM engine answering each prompt with one blocking {@code chat} call (no token stream). */
    public static EngineConfig chat(String name, ChatModel model) {
        return config(name, Map.of(), model);
    }

    /** An LLM engine whose generations stream token by token as the model produces them. */
    public static EngineConfig chat(String name, StreamingChatModel model) {
        return config(name, Map.of(), model);
    }

    /** An embedding engine. */
    public static EngineConfig embedding(String name, EmbeddingModel model) {
        return config(name, Map.of(), model);
    }

    /** A rerank engine. */
    public static EngineConfig scoring(String name, ScoringModel model) {
        return config(name, Map.of(), model);
    }

    /**
     * A vector store engine; ingested passages are stored as {@link TextSegment}s whose metadata carries
     * the passage id, source and collection, and searches filter by collection, so one store can hold
     * several collections.
     */
    public static EngineConfig store(String name, EmbeddingStore<TextSegment> store) {
        return config(name, Map.of(), store);
    }

    /** A configuration of {@code model} (any of the types above) with string {@code options}. */
    public static EngineConfig config(String name, Map<String, String> options, Object model) {
        Objects.requireNonNull(model, "model");
        return new EngineConfig(name, options).withObject(MODEL, model);
    }
}
