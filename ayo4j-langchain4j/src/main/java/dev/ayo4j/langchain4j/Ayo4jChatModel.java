// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.langchain4j;

import dev.ayo4j.Checks;
import dev.ayo4j.spi.Engine;
import dev.ayo4j.spi.Generation;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.util.concurrent.CompletionException;

/**
 * A LangChain4j {@link ChatModel} backed by an ayo4j LLM engine (e.g. the llama.cpp engine).
 *
 * <p>Each call renders the messages with {@link ChatPrompts}, runs one {@code Prefill} on the engine and
 * collects the generated stream into the answer. The request's {@code maxOutputTokens} wins over the
 * model's default budget. Sampling is the engine's (greedy for llama.cpp), so answers are
 * deterministic. With {@link Builder#jsonListItems(int)} the output is a JSON array of that many
 * strings (grammar-constrained where the engine supports it), e.g. for query expansion.
 *
 * <p>Thread-safe; at most the engine's {@code maxConcurrency} prefills run at once.
 *
 * {@snippet :
 * ChatModel model = Ayo4jChatModel.builder(stack.llm()).maxTokens(128).build();
 * String answer = model.chat("What is prefill splitting?");
 * }
 */
public final class Ayo4jChatModel implements ChatModel {
    private final LlmCalls llm;

    private Ayo4jChatModel(Builder b) {
        this.llm = new LlmCalls(b.engine, b.maxTokens, b.jsonListItems, "lc4j-chat");
    }

    public static Builder builder(Engine engine) {
        return new Builder(engine);
    }

    @Override
    public ChatResponse doChat(ChatRequest request) {
        Generation g = llm.start(request);
        String text;
        try {
            text = g.text().join();
        } catch (CompletionException e) {
            throw new ModelCallException("generation on engine " + llm.engineName() + " failed: "
                    + e.getCause().getMessage(), e.getCause());
        }
        return llm.response(g, text, request.maxOutputTokens());
    }

    @Override
    public String toString() {
        return "Ayo4jChatModel(" + llm.engineName() + ")";
    }

    /** Builder of an {@link Ayo4jChatModel}. */
    public static final class Builder extends ChatModelBuilder<Builder> {
        /** Default token budget of an answer. */
        public static final int DEFAULT_MAX_TOKENS = 128;

        private int jsonListItems;

        private Builder(Engine engine) {
            super(engine);
        }

        @Override
        Builder self() {
            return this;
        }

        /** Answer with a JSON array of exactly {@code n} strings; 0 (the default) for free text. */
        public Builder jsonListItems(int n) {
            Checks.argument(n >= 0, "jsonListItems must be >= 0: %s", n);
            this.jsonListItems = n;
            return this;
        }

        public Ayo4jChatModel build() {
            return new Ayo4jChatModel(this);
        }
    }
}
