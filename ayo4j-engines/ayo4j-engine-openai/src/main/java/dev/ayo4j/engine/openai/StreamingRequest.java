// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.engine.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ayo4j.EngineException;
import dev.ayo4j.NonRetriableEngineException;
import dev.ayo4j.RetriableEngineException;
import dev.ayo4j.spi.GenerationStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * One streamed request: sends it, then reads the server-sent events on a virtual thread and moves
 * their text into a {@link GenerationStream}, which it marks prefilled at the first chunk, completes at
 * {@code [DONE]} and fails on an error answer, a malformed event or a broken stream.
 *
 * <p>Cancelling aborts the transfer both ways the HTTP client offers, whichever stage it is in:
 * cancelling the pending response future before the headers, closing the body after. The pump thread
 * then ends quietly; {@link GenerationStream#cancel()} itself completes the stream.
 */
final class StreamingRequest {
    /** Most bytes of an error answer read for its message. */
    private static final int MAX_ERROR_BODY = 64 * 1024;

    private final HttpClient client;
    private final HttpRequest request;
    private final OpenAiApi api;
    private final Duration timeout;
    private final ObjectMapper json;
    private final GenerationStream stream;
    private volatile boolean cancelled;
    private volatile @Nullable CompletableFuture<HttpResponse<InputStream>> response;
    private volatile @Nullable InputStream body;
    private int chunks;
    private volatile PromptUsage usage = PromptUsage.NONE;
    private final Consumer<PromptUsage> onEnd;
    private final AtomicBoolean ended = new AtomicBoolean();
    private boolean prefilled;
    private boolean finished;

    StreamingRequest(HttpClient client, HttpRequest request, OpenAiApi api, Duration timeout, ObjectMapper json,
                     GenerationStream stream, Consumer<PromptUsage> onEnd) {
        this.onEnd = onEnd;
        this.client = client;
        this.request = request;
        this.api = api;
        this.timeout = timeout;
        this.json = json;
        this.stream = stream;
    }

    /** Sends the request and starts the pump thread; returns at once. */
    void start() {
        response = client.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream());
        Thread.ofVirtual().name("openai-stream").start(this::run);
    }

    /**
     * Hands what the server said about the prompt (its last event's usage wins) to the {@code onEnd} given
     * at construction, once: before the stream completes, or when a prefilled generation was cancelled or
     * broke (then with what had arrived).
     */
    void reportUsage() {
        if (ended.compareAndSet(false, true)) {
            onEnd.accept(usage);
        }
    }

    /** Reports the usage, then completes the stream, so that its readers find the request counted. */
    private void complete() {
        reportUsage();
        stream.complete();
    }

    /** Stops the transfer; the caller ends the stream. */
    void cancel() {
        cancelled = true;
        var pending = response;
        if (pending != null) {
            pending.cancel(true);
        }
        var in = body;
        if (in != null) {
            closeQuietly(in);
        }
    }

    /** Stops the transfer and fails the stream with {@code cause}: the engine is closing. */
    void abort(EngineException cause) {
        cancel();
        stream.fail(cause);
    }

    private URI endpoint() {
        return request.uri();
    }

    private void run() {
        try {
            HttpResponse<InputStream> answer = Objects.requireNonNull(response).get();
            try (InputStream in = answer.body()) {
                body = in;
                if (cancelled) {
                    return;
                }
                if (answer.statusCode() / 100 != 2) {
                    String text = new String(in.readNBytes(MAX_ERROR_BODY), StandardCharsets.UTF_8);
                    stream.fail(ServerErrors.forStatus(endpoint(), answer.statusCode(), text));
                    return;
                }
                pump(in);
            }
        } catch (CancellationException e) {
            // Cancelled before the headers arrived; cancel() ends the stream.
        } catch (ExecutionException e) {
            failUnlessCancelled(ServerErrors.forIo(endpoint(), timeout, e));
        } catch (IOException e) {
            failUnlessCancelled(new RetriableEngineException(String.format(
                    "stream from %s broke after %d chunks: %s", endpoint(), chunks, e), e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failUnlessCancelled(new RetriableEngineException("interrupted while waiting for " + endpoint(), e));
        } catch (RuntimeException e) {
            // A bug here must fail the generation, not leave its readers waiting forever.
            stream.fail(new NonRetriableEngineException(String.format(
                    "reading the stream from %s failed: %s", endpoint(), e), e));
        }
    }

    /** Reads server-sent events until {@code [DONE]}, an error, or the end of the body. */
    private void pump(InputStream in) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        StringBuilder data = new StringBuilder();
        boolean hasData = false;
        String line;
        while ((line = reader.readLine()) != null) {
            if (line.isEmpty()) {
                if (hasData && !dispatch(data.toString())) {
                    return;
                }
                data.setLength(0);
                hasData = false;
            } else if (line.startsWith("data:")) {
                if (hasData) {
                    data.append('\n');
                }
                data.append(line, line.startsWith("data: ") ? 6 : 5, line.length());
                hasData = true;
            }
            // Comments (":" keep-alives) and event/id/retry fields carry nothing OpenAI servers use.
        }
        if (hasData && !dispatch(data.toString())) {
            return;
        }
        if (finished) {
            // Some servers end the body after the last choice without sending [DONE].
            complete();
            return;
        }
        failUnlessCancelled(new RetriableEngineException(String.format(
                "stream from %s ended before [DONE] after %d chunks", endpoint(), chunks)));
    }

    /** Handles one event; returns false when the stream has ended. */
    private boolean dispatch(String data) {
        if (data.strip().equals(StreamChunk.DONE)) {
            complete();
            return false;
        }
        StreamChunk chunk;
        try {
            chunk = StreamChunk.parse(json, data, api);
        } catch (JsonProcessingException e) {
            failUnlessCancelled(new NonRetriableEngineException(String.format(
                    "malformed server-sent event from %s after %d chunks: %s", endpoint(), chunks,
                    e.getOriginalMessage()), e));
            return false;
        }
        if (chunk.error() != null) {
            failUnlessCancelled(new RetriableEngineException(String.format(
                    "%s reported an error inside the stream after %d chunks: %s", endpoint(), chunks, chunk.error())));
            return false;
        }
        if (chunk.hasChoice()) {
            chunks++;
            // Text first: once prefilled() completes, execute returns, and its caller may expect the
            // first token to be in the stream already.
            if (!chunk.text().isEmpty()) {
                stream.append(chunk.text(), 1);
            }
            if (!prefilled) {
                prefilled = true;
                stream.markPrefilled(Math.max(chunk.promptTokens(), 0));
            }
            finished |= chunk.finishReason() != null;
        }
        usage = usage.updatedBy(chunk.usage());
        if (chunk.promptTokens() >= 0) {
            // Usage comes in the last chunk; markPrefilled only updates the count by then.
            stream.markPrefilled(chunk.promptTokens());
        }
        return true;
    }

    private void failUnlessCancelled(EngineException cause) {
        if (!cancelled) {
            stream.fail(cause);
        }
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException e) {
            // Aborting anyway.
        }
    }
}
