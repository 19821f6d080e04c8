// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.langchain4j.engine;

import dev.ayo4j.Ayo4jException;
import dev.ayo4j.spi.Engine;
import dev.ayo4j.spi.EngineConfig;
import dev.ayo4j.spi.EngineProvider;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.scoring.ScoringModel;
import dev.langchain4j.store.embedding.EmbeddingStore;
import java.util.Set;

/**
 * Engine provider {@value LangChain4jEngines#PROVIDER}: an engine around the LangChain4j model handed
 * over as object {@value LangChain4jEngines#MODEL}, chosen by the model's type (see {@link
 * LangChain4jEngines}). A configuration from a file, which can carry no object, is rejected naming the
 * key.
 */
public final class LangChain4jEngineProvider implements EngineProvider {
    private static final Set<String> OPTIONS = Set.of(LangChain4jEngines.MAX_BATCH,
            LangChain4jEngines.MAX_CONCURRENCY, LangChain4jEngines.MAX_TOKENS_OPTION);

    @Override
    public String name() {
        return LangChain4jEngines.PROVIDER;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Engine create(EngineConfig config) {
        for (String key : config.options().keySet()) {
            if (!OPTIONS.contains(key)) {
                throw new Ayo4jException(String.format("engine %s: unknown option '%s' for a LangChain4j engine; "
                        + "options: %s", config.name(), key, OPTIONS));
            }
        }
        Object model;
        try {
            model = config.object(LangChain4jEngines.MODEL, Object.class);
        } catch (IllegalArgumentException e) {
            throw new Ayo4jException(e.getMessage() + "; a LangChain4j engine is created in code, from "
                    + "LangChain4jEngines.chat, embedding, scoring or store", e);
        }
        Limits limits = Limits.of(config);
        return switch (model) {
            case StreamingChatModel m -> new ChatEngine(config.name(), limits, ChatEngine.Backend.streaming(m));
            case ChatModel m -> new ChatEngine(config.name(), limits, ChatEngine.Backend.blocking(m));
            case EmbeddingModel m -> new EmbeddingEngine(config.name(), limits, m);
            case ScoringModel m -> new ScoringEngine(config.name(), limits, m);
            case EmbeddingStore<?> s -> new StoreEngine(config.name(), limits, (EmbeddingStore<TextSegment>) s);
            default -> throw new Ayo4jException(String.format("engine %s: a %s is no LangChain4j model this "
                    + "provider serves; give a ChatModel, StreamingChatModel, EmbeddingModel, ScoringModel or "
                    + "EmbeddingStore<TextSegment>", config.name(), model.getClass().getName()));
        };
    }
}
