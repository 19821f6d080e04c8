// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.bench.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

/**
 * The load generator's client: one OpenAI-style streamed chat completion ({@code POST /v1/chat/completions},
 * {@code stream: true}) over Java's {@link HttpClient} on HTTP/1.1, read as server-sent events line by line,
 * so that the first chunk of the answer (the first content delta after the one naming the role) gives the time
 * to first token. Thread-safe; one client serves
 * every request of a replay, each on a virtual thread of its own.
 */
final class ChatClient implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).executor(executor).build();
    private final URI endpoint;
    private final String model;
    private final Duration timeout;

    /** A client of {@code base}'s chat completions for model {@code model}; each request may take {@code timeout}. */
    ChatClient(URI base, String model, Duration timeout) {
        this.endpoint = base.resolve("/v1/chat/completions");
        this.model = Objects.requireNonNull(model, "model");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    /**
     * Sends {@code question} as request {@code index} due at {@code arrivalNanos} of the replay that started at
     * {@code startNanos} (both {@link System#nanoTime()} based), and blocks until its stream ends.
     */
    RequestOutcome ask(int index, String question, long startNanos, long arrivalNanos) {
        long due = startNanos + arrivalNanos;
        long sent = System.nanoTime();
        ObjectNode body = JSON.createObjectNode().put("model", model).put("stream", true);
        body.putArray("messages").addObject().put("role", "user").put("content", question);
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(endpoint).timeout(timeout).header("Content-Type", "application/json")
                    .header("Accept", "text/event-stream")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))).build();
        } catch (IOException e) {
            throw new IllegalStateException("cannot write a chat request", e);
        }
        long ttft = -1;
        try {
            HttpResponse<Stream<String>> res = http.send(request, HttpResponse.BodyHandlers.ofLines());
            try (Stream<String> lines = res.body()) {
                if (res.statusCode() != 200) {
                    String text = String.join(" ", lines.limit(20).toList());
                    return outcome(index, arrivalNanos, due, sent, -1, res.statusCode() == 429
                            ? RequestOutcome.Status.REJECTED : RequestOutcome.Status.FAILED, res.statusCode(),
                            "HTTP " + res.statusCode() + ": " + abbreviate(text));
                }
                for (Iterator<String> it = lines.iterator(); it.hasNext(); ) {
                    String line = it.next();
                    if (!line.startsWith("data:")) {
                        continue;
                    }
                    String data = line.substring(5).strip();
                    if (data.equals("[DONE]")) {
                        RequestOutcome done = outcome(index, arrivalNanos, due, sent, ttft, RequestOutcome.Status.OK,
                                200, "");
                        // Read the stream to its end (the chunked body's last chunk) before closing it: the
                        // client closes a connection whose response is left unread instead of reusing it, and
                        // each request would then pay a new TCP connection on both sides.
                        it.forEachRemaining(_ -> { });
                        return done;
                    }
                    JsonNode chunk = JSON.readTree(data);
                    if (chunk.has("error")) {
                        return outcome(index, arrivalNanos, due, sent, ttft, RequestOutcome.Status.FAILED, 200,
                                "error in the stream: " + abbreviate(chunk.path("error").path("message").asText()));
                    }
                    // the first answer chunk: a content delta after the opening one that only names the role
                    JsonNode delta = chunk.path("choices").path(0).path("delta");
                    if (ttft < 0 && delta.has("content") && !delta.has("role")) {
                        ttft = System.nanoTime() - due;
                    }
                }
                return outcome(index, arrivalNanos, due, sent, ttft, RequestOutcome.Status.FAILED, 200,
                        "the stream ended without data: [DONE]");
            }
        } catch (IOException | RuntimeException e) {
            return outcome(index, arrivalNanos, due, sent, ttft, RequestOutcome.Status.FAILED, 0,
                    e.getClass().getSimpleName() + ": " + abbreviate(String.valueOf(e.getMessage())));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return outcome(index, arrivalNanos, due, sent, ttft, RequestOutcome.Status.FAILED, 0, "interrupted");
        }
    }

    /** One {@code GET path} on the same connection pool, blocking; returns its status. */
    int get(String path) {
        try {
            return http.send(HttpRequest.newBuilder(endpoint.resolve(path)).timeout(timeout).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("GET " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static RequestOutcome outcome(int index, long arrival, long due, long sent, long ttft,
                                          RequestOutcome.Status status, int http, String detail) {
        long now = System.nanoTime();
        return new RequestOutcome(index, arrival, arrival + Math.max(0, sent - due), Math.max(0, now - due), ttft,
                status, http, detail);
    }

    private static String abbreviate(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200) + "...";
    }

    @Override
    public void close() {
        http.close();
        executor.close();
    }
}
