// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.spi;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * The {@link Generation} that LLM engines fill: the engine appends chunks as tokens arrive and ends
 * the stream; readers subscribe with replay. The engine registers what {@link #cancel()} must do.
 */
public final class GenerationStream implements Generation {
    private final CompletableFuture<Void> prefilled = new CompletableFuture<>();
    private final CompletableFuture<String> text = new CompletableFuture<>();
    private final List<String> chunks = new ArrayList<>();
    private final List<Listener> listeners = new ArrayList<>();
    private @Nullable Runnable onCancel;
    private boolean ended;
    private @Nullable Throwable failure;
    private int promptTokens;
    private int generatedTokens;

    /** Registers the engine's way to stop this generation. */
    public synchronized void onCancel(Runnable action) {
        this.onCancel = action;
    }

    /** Marks the prompt as prefilled, with its token count (0 if unknown). */
    public void markPrefilled(int tokens) {
        synchronized (this) {
            promptTokens = tokens;
        }
        prefilled.complete(null);
    }

    /** Appends a chunk of {@code tokens} tokens and delivers it to the listeners. */
    public void append(String chunk, int tokens) {
        synchronized (this) {
            if (ended) {
                return;
            }
            chunks.add(chunk);
            generatedTokens += tokens;
            // Delivered under the lock so that a subscriber's replay and live chunks never interleave;
            // listeners must be quick and must not block on other threads.
            for (Listener l : listeners) {
                l.onChunk(chunk);
            }
        }
        prefilled.complete(null);
    }

    /** Ends the stream normally. */
    public void complete() {
        String all;
        synchronized (this) {
            if (ended) {
                return;
            }
            ended = true;
            all = String.join("", chunks);
            for (Listener l : listeners) {
                l.onEnd();
            }
            listeners.clear();
        }
        prefilled.complete(null);
        text.complete(all);
    }

    /** Ends the stream with a failure. */
    public void fail(Throwable cause) {
        synchronized (this) {
            if (ended) {
                return;
            }
            ended = true;
            failure = cause;
            for (Listener l : listeners) {
                l.onError(cause);
            }
            listeners.clear();
        }
        prefilled.completeExceptionally(cause);
        text.completeExceptionally(cause);
    }

    @Override
    public CompletableFuture<Void> prefilled() {
        return prefilled;
    }

    @Override
    public CompletableFuture<String> text() {
        return text;
    }

    @Override
    public synchronized void subscribe(Listener listener) {
        for (String c : chunks) {
            listener.onChunk(c);
        }
        if (!ended) {
            listeners.add(listener);
        } else if (failure != null) {
            listener.onError(failure);
        } else {
            listener.onEnd();
        }
    }

    @Override
    public void cancel() {
        Runnable action;
        synchronized (this) {
            action = onCancel;
        }
        if (action != null) {
            action.run();
        }
        complete();
    }

    @Override
    public synchronized int promptTokens() {
        return promptTokens;
    }

    @Override
    public synchronized int generatedTokens() {
        return generatedTokens;
    }
}
