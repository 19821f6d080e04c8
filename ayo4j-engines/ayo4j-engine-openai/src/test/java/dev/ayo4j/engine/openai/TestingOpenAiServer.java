// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.engine.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Hand-written OpenAI-compatible server on an ephemeral loopback port, for tests: it speaks
 * {@code /v1/completions} and {@code /v1/chat/completions}, streamed (server-sent events, usage in a
 * last chunk when asked, {@code [DONE]}) and not, and records every request.
 *
 * <p>It simulates a prefix cache: each request's {@link Request#prefilledChars()} is how much of its
 * prompt follows the longest prefix it shares with an earlier prompt, which is what a server with
 * prefix caching has to prefill. Its {@link Behavior} can also answer an HTTP error, stall before
 * answering, break a stream, or drip tokens until the client hangs up.
 */
final class TestingOpenAiServer implements AutoCloseable {
    /** What the server does with the requests that follow. */
    sealed interface Behavior {
        /**
         * Answers as an obliging model would: when the request constrains the output to an array of n
         * strings (in any of the {@link StructuredOutput} forms), a JSON array of n short queries;
         * otherwise {@link #DEFAULT_TEXT}. The default behavior.
         */
        record Reply() implements Behavior {}

        /** Generates {@code text}, one whitespace-delimited piece per token, up to {@code max_tokens}. */
        record Answer(String text) implements Behavior {}

        /** Answers HTTP {@code status} with an OpenAI error body carrying {@code message}. */
        record Fail(int status, String message) implements Behavior {}

        /** Holds the request without answering until the server closes. */
        record Stall() implements Behavior {}

        /** Streams {@code chunks} tokens, then a malformed event or (if not {@code malformed}) ends without [DONE]. */
        record Break(int chunks, boolean malformed) implements Behavior {}

        /** Streams {@code token} again and again until the client goes away (then counts a disconnect). */
        record Drip(String token) implements Behavior {}
    }

    /** A request as received: its path, JSON body, {@code Authorization} header, prefill cost and {@code traceparent}. */
    record Request(String path, JsonNode body, String authorization, int prefilledChars, String traceparent) {}

    /** Text answered by default. */
    static final String DEFAULT_TEXT = "The sky is blue because air scatters blue light more.";

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Upper bound on dripped tokens, so a client that never hangs up cannot keep a thread forever. */
    private static final int MAX_DRIPS = 20_000;

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final List<String> cachedPrompts = new ArrayList<>();
    private final CountDownLatch released = new CountDownLatch(1);
    private final CountDownLatch disconnected = new CountDownLatch(1);
    private volatile Behavior behavior = new Behavior.Reply();

    private TestingOpenAiServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/v1/completions", ex -> handle(ex, OpenAiApi.COMPLETIONS));
        server.createContext("/v1/chat/completions", ex -> handle(ex, OpenAiApi.CHAT));
        server.start();
    }

    /** Starts a server on a free loopback port. */
    static TestingOpenAiServer start() {
        try {
            return new TestingOpenAiServer();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The API root to configure an engine with, e.g. {@code http://127.0.0.1:PORT/v1}. */
    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    /** Sets what the server does from now on. */
    TestingOpenAiServer behave(Behavior b) {
        behavior = Objects.requireNonNull(b, "behavior");
        return this;
    }

    /** Every request so far, in arrival order. */
    List<Request> requests() {
        return List.copyOf(requests);
    }

    /** The latest request; fails if there was none. */
    Request lastRequest() {
        return requests.getLast();
    }

    /** Waits up to {@code seconds} for a dripping stream's client to hang up; true if it did. */
    boolean awaitDisconnect(long seconds) throws InterruptedException {
        return disconnected.await(seconds, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        released.countDown();
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange ex, OpenAiApi api) throws IOException {
        try (ex) {
            JsonNode body = JSON.readTree(ex.getRequestBody());
            String prompt = switch (api) {
                case COMPLETIONS -> body.path("prompt").asText();
                case CHAT -> body.path("messages").path(body.path("messages").size() - 1).path("content").asText();
            };
            String authorization = Objects.requireNonNullElse(ex.getRequestHeaders().getFirst("Authorization"), "");
            String traceparent = Objects.requireNonNullElse(ex.getRequestHeaders().getFirst("traceparent"), "");
            requests.add(new Request(ex.getRequestURI().getPath(), body, authorization, prefill(prompt), traceparent));
            int promptTokens = prompt.isBlank() ? 0 : prompt.strip().split("\\s+").length;
            switch (behavior) {
                case Behavior.Fail(int status, String message) -> sendError(ex, status, message);
                case Behavior.Stall() -> awaitRelease();
                case Behavior.Reply() -> answer(ex, api, body, reply(body), promptTokens);
                case Behavior.Answer(String text) -> answer(ex, api, body, text, promptTokens);
                case Behavior.Break(int chunks, boolean malformed) -> {
                    OutputStream out = startStream(ex);
                    for (String token : tokens(DEFAULT_TEXT, chunks)) {
                        event(out, chunk(api, token, null).toString());
                    }
                    if (malformed) {
                        event(out, "{\"choices\": [{\"text\": ");
                    }
                }
                case Behavior.Drip(String token) -> drip(ex, api, token);
            }
        }
    }

    private void answer(HttpExchange ex, OpenAiApi api, JsonNode body, String text, int promptTokens)
            throws IOException {
        List<String> tokens = tokens(text, body.path("max_tokens").asInt(16));
        if (body.path("stream").asBoolean(false)) {
            streamAnswer(ex, api, tokens, promptTokens, body.path("stream_options").path("include_usage")
                    .asBoolean(false));
        } else {
            sendJson(ex, 200, whole(api, String.join("", tokens), promptTokens, tokens.size()));
        }
    }

    /** What {@link Behavior.Reply} answers to {@code body}. */
    private static String reply(JsonNode body) {
        JsonNode schema = body.path("response_format").path("json_schema").path("schema");
        for (String field : List.of("guided_json", "json_schema")) {
            if (body.has(field)) {
                schema = body.path(field);
            }
        }
        int items = schema.path("maxItems").asInt(0);
        if (items == 0) {
            return DEFAULT_TEXT;
        }
        ArrayNode list = JSON.createArrayNode();
        for (int i = 1; i <= items; i++) {
            list.add("search query " + i);
        }
        return list.toString();
    }

    /** Characters of {@code prompt} after its longest common prefix with an earlier prompt; caches it. */
    private synchronized int prefill(String prompt) {
        int shared = 0;
        for (String earlier : cachedPrompts) {
            int n = 0;
            int max = Math.min(earlier.length(), prompt.length());
            while (n < max && earlier.charAt(n) == prompt.charAt(n)) {
                n++;
            }
            shared = Math.max(shared, n);
        }
        cachedPrompts.add(prompt);
        return prompt.length() - shared;
    }

    private static List<String> tokens(String text, int max) {
        List<String> all = List.of(text.split("(?<=\\s)"));
        return all.subList(0, Math.min(max, all.size()));
    }

    private void streamAnswer(HttpExchange ex, OpenAiApi api, List<String> tokens, int promptTokens, boolean usage)
            throws IOException {
        OutputStream out = startStream(ex);
        if (api == OpenAiApi.CHAT) {
            ObjectNode role = JSON.createObjectNode();
            role.putArray("choices").addObject().put("index", 0).putObject("delta").put("role", "assistant")
                    .put("content", "");
            event(out, role.toString());
        }
        for (int i = 0; i < tokens.size(); i++) {
            event(out, chunk(api, tokens.get(i), i == tokens.size() - 1 ? "length" : null).toString());
        }
        if (usage) {
            ObjectNode last = JSON.createObjectNode();
            last.putArray("choices");
            last.putObject("usage").put("prompt_tokens", promptTokens).put("completion_tokens", tokens.size());
            event(out, last.toString());
        }
        event(out, "[DONE]");
    }

    private void drip(HttpExchange ex, OpenAiApi api, String token) {
        try {
            OutputStream out = startStream(ex);
            for (int i = 0; i < MAX_DRIPS; i++) {
                event(out, chunk(api, token, null).toString());
                Thread.sleep(5);
            }
        } catch (IOException e) {
            disconnected.countDown();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void awaitRelease() {
        try {
            released.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ObjectNode chunk(OpenAiApi api, String token, String finishReason) {
        ObjectNode root = JSON.createObjectNode().put("object", api == OpenAiApi.CHAT
                ? "chat.completion.chunk" : "text_completion");
        ObjectNode choice = root.putArray("choices").addObject().put("index", 0);
        switch (api) {
            case COMPLETIONS -> choice.put("text", token);
            case CHAT -> choice.putObject("delta").put("content", token);
        }
        choice.put("finish_reason", finishReason);
        return root;
    }

    private static ObjectNode whole(OpenAiApi api, String text, int promptTokens, int completionTokens) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode choices = root.putArray("choices");
        ObjectNode choice = choices.addObject().put("index", 0).put("finish_reason", "length");
        switch (api) {
            case COMPLETIONS -> choice.put("text", text);
            case CHAT -> choice.putObject("message").put("role", "assistant").put("content", text);
        }
        root.putObject("usage").put("prompt_tokens", promptTokens).put("completion_tokens", completionTokens);
        return root;
    }

    private static OutputStream startStream(HttpExchange ex) throws IOException {
        ex.getResponseHeaders().set("Content-Type", "text/event-stream");
        ex.sendResponseHeaders(200, 0);
        return ex.getResponseBody();
    }

    private static void event(OutputStream out, String data) throws IOException {
        out.write(("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static void sendError(HttpExchange ex, int status, String message) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.putObject("error").put("message", message).put("type", status == 400 ? "BadRequestError" : "ServerError")
                .put("code", status);
        sendJson(ex, status, root);
    }

    private static void sendJson(HttpExchange ex, int status, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
    }
}
