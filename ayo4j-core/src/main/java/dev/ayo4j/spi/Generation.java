// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.spi;

import java.util.concurrent.CompletableFuture;

/**
 * Live LLM generation: the token stream of one request, readable while it grows.
 *
 * <p>Thread safety: all methods may be called from any thread. Subscribers first receive every chunk
 * produced so far, in order, then live chunks, then exactly one of {@code onEnd} or {@code onError}.
 * Several subscribers may read one generation (decode pipelining reads one stream per list item).
 */
public interface Generation {
    /** Completes when the prompt has been prefilled (the first token is about to be produced). */
    CompletableFuture<Void> prefilled();

    /** Completes with the whole generated text when the stream ends, or exceptionally on failure. */
    CompletableFuture<String> text();

    /** Registers a listener; see the class comment for the delivery order. */
    void subscribe(Listener listener);

    /** Stops generation early; the stream ends normally with what was produced so far. */
    void cancel();

    /** Prompt tokens, once known (0 before prefill completes or if the engine does not report them). */
    int promptTokens();

    /** Tokens generated so far. */
    int generatedTokens();

    /** Receiver of a generation's chunks. */
    interface Listener {
        /** A piece of text (one or a few tokens). */
        void onChunk(String chunk);

        /** The stream ended normally. */
        void onEnd();

        /** The stream failed. */
        void onError(Throwable cause);
    }
}
