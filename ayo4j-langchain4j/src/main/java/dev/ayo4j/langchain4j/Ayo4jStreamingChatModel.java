// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.langchain4j;

import dev.ayo4j.spi.Engine;
import dev.ayo4j.spi.Generation;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import java.util.Objects;

/**
 * A LangChain4j {@link StreamingChatModel} backed by an ayo4j LLM engine: the prompt is rendered as in
 * {@link Ayo4jChatModel} and every chunk of the engine's token stream is handed to
 * {@link StreamingChatResponseHandler#onPartialResponse(String)} as it arrives.
 *
 * <p>{@code chat} returns at once; the prefill and the stream run on a virtual thread. The handler gets
 * the chunks in order, then exactly one of {@code onCompleteResponse} or {@code onError}. Thread-safe.
 */
public final class Ayo4jStreamingChatModel implements StreamingChatModel {
    private final LlmCalls llm;

    private Ayo4jStreamingChatModel(Builder b) {
        this.llm = new LlmCalls(b.engine, b.maxTokens, 0, "lc4j-stream");
    }

    public static Builder builder(Engine engine) {
        return new Builder(engine);
    }

    @Override
    public void doChat(ChatRequest request, StreamingChatResponseHandler handler) {
        Objects.requireNonNull(handler, "handler");
        Thread.ofVirtual().name("lc4j-stream-" + llm.engineName()).start(() -> stream(request, handler));
    }

    private void stream(ChatRequest request, StreamingChatResponseHandler handler) {
        Generation g;
        try {
            g = llm.start(request);
        } catch (RuntimeException e) {
            handler.onError(e);
            return;
        }
        StringBuilder text = new StringBuilder();
        g.subscribe(new Generation.Listener() {
            @Override
            public void onChunk(String chunk) {
                text.append(chunk);
                handler.onPartialResponse(chunk);
            }

            @Override
            public void onEnd() {
                handler.onCompleteResponse(llm.response(g, text.toString(), request.maxOutputTokens()));
            }

            @Override
            public void onError(Throwable cause) {
                handler.onError(new ModelCallException("generation on engine " + llm.engineName() + " failed: "
                        + cause.getMessage(), cause));
            }
        });
    }

    @Override
    public String toString() {
        return "Ayo4jStreamingChatModel(" + llm.engineName() + ")";
    }

    /** Builder of an {@link Ayo4jStreamingChatModel}. */
    public static final class Builder extends ChatModelBuilder<Builder> {
        private Builder(Engine engine) {
            super(engine);
        }

        @Override
        Builder self() {
            return this;
        }

        public Ayo4jStreamingChatModel build() {
            return new Ayo4jStreamingChatModel(this);
        }
    }
}
