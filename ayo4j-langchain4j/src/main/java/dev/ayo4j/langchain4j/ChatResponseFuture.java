// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.langchain4j;

import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * A streaming chat handler that hands each partial response to a consumer and ends {@link #response()}: with
 * the whole response, or with the error the model reported. For a caller that streams the tokens and then
 * waits for the answer.
 */
public final class ChatResponseFuture implements StreamingChatResponseHandler {
    private final Consumer<String> partials;
    private final CompletableFuture<ChatResponse> response = new CompletableFuture<>();

    /** A handler that passes every partial response's text to {@code partials}, in order. */
    public ChatResponseFuture(Consumer<String> partials) {
        this.partials = Objects.requireNonNull(partials, "partials");
    }

    /** The whole response once the stream ends; completed exceptionally if the model fails. */
    public CompletableFuture<ChatResponse> response() {
        return response;
    }

    @Override
    public void onPartialResponse(String partial) {
        partials.accept(partial);
    }

    @Override
    public void onCompleteResponse(ChatResponse response) {
        this.response.complete(response);
    }

    @Override
    public void onError(Throwable error) {
        response.completeExceptionally(error);
    }
}
