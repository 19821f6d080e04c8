// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.bench.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ayo4j.bench.app.BenchQuery;
import dev.ayo4j.bench.app.LangChain4jRag;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.http.sse.SseEvent;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.helidon.webserver.sse.SseSink;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * System (b): {@code bench app}'s LangChain4j pipeline ({@link LangChain4jRag}) as a Helidon SE service would
 * run it: OpenAI's {@code POST /v1/chat/completions} shape (model = app, last user message = question,
 * {@code stream: true} as SSE chunks ending in {@code data: [DONE]}), one request per virtual thread (Helidon's
 * own), each running the pipeline from start to end with its answer streamed through LangChain4j's
 * {@code StreamingChatModel}. Like such a service it has no admission limit: every request runs at once.
 */
final class LangChain4jService implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String END = "\u0000end";

    private final LangChain4jRag rag;
    private final String model;
    private final String collection;
    private final AtomicInteger ids = new AtomicInteger();
    private final WebServer server;

    /** Serves {@code rag} (begun on its engines) as model {@code model} on a free loopback port. */
    LangChain4jService(LangChain4jRag rag, String model, String collection) {
        this.rag = Objects.requireNonNull(rag, "rag");
        this.model = Objects.requireNonNull(model, "model");
        this.collection = Objects.requireNonNull(collection, "collection");
        // the ayo4j server's socket options (TCP_NODELAY), so both stream over the same HTTP stack
        this.server = WebServer.builder().host("127.0.0.1").port(0).connectionOptions(o -> o.tcpNoDelay(true))
                .routing(r -> r.post("/v1/chat/completions", this::chat)).build().start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.port());
    }

    private void chat(ServerRequest req, ServerResponse res) throws IOException {
        JsonNode body;
        try {
            body = JSON.readTree(req.content().inputStream());
        } catch (IOException e) {
            error(res, Status.BAD_REQUEST_400, "the body is not JSON: " + e.getMessage());
            return;
        }
        if (!model.equals(body.path("model").asText())) {
            error(res, Status.NOT_FOUND_404, "unknown model '" + body.path("model").asText() + "'; models: [" + model + "]");
            return;
        }
        String question = null;
        for (JsonNode m : body.path("messages")) {
            if (m.path("role").asText().equals("user")) {
                question = m.path("content").asText();
            }
        }
        if (question == null) {
            error(res, Status.BAD_REQUEST_400, "no message has role 'user'");
            return;
        }
        String id = "chatcmpl-lc4j-" + ids.incrementAndGet();
        BenchQuery query = new BenchQuery(0, question, List.of());
        if (!body.path("stream").asBoolean(false)) {
            String answer = rag.answer(query, collection).answer();
            ObjectNode out = head(id, "chat.completion");
            out.putArray("choices").addObject().put("index", 0).put("finish_reason", "stop")
                    .putObject("message").put("role", "assistant").put("content", answer);
            res.header(HeaderValues.CONTENT_TYPE_JSON);
            res.send(JSON.writeValueAsBytes(out));
            return;
        }
        // The pipeline runs on a virtual thread of its own and hands its chunks over; this request's thread
        // writes them, so only it touches the response.
        BlockingQueue<String> chunks = new LinkedBlockingQueue<>();
        CompletableFuture<Void> run = CompletableFuture.runAsync(() -> {
            try {
                rag.answer(query, collection, chunks::add);
            } finally {
                chunks.add(END);
            }
        }, command -> Thread.ofVirtual().name("lc4j-request-" + id).start(command));
        res.header(HeaderNames.CACHE_CONTROL, "no-cache");
        try (SseSink sink = res.sink(SseSink.TYPE)) {
            emit(sink, chunk(id, JSON.createObjectNode().put("role", "assistant").put("content", ""), null));
            for (String c = chunks.take(); !c.equals(END); c = chunks.take()) {
                emit(sink, chunk(id, JSON.createObjectNode().put("content", c), null));
            }
            try {
                run.join();
                emit(sink, chunk(id, JSON.createObjectNode(), "stop"));
            } catch (RuntimeException e) {
                ObjectNode err = JSON.createObjectNode();
                err.putObject("error").put("message", "the pipeline failed").put("type", "server_error");
                emit(sink, err);
            }
            sink.emit(SseEvent.builder().data(" [DONE]").build());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void emit(SseSink sink, Object value) throws IOException {
        sink.emit(SseEvent.builder().data(" " + JSON.writeValueAsString(value)).build());
    }

    private ObjectNode head(String id, String object) {
        return JSON.createObjectNode().put("id", id).put("object", object)
                .put("created", System.currentTimeMillis() / 1000).put("model", model);
    }

    private ObjectNode chunk(String id, ObjectNode delta, @Nullable String finish) {
        ObjectNode c = head(id, "chat.completion.chunk");
        ObjectNode choice = c.putArray("choices").addObject().put("index", 0);
        choice.set("delta", delta);
        choice.put("finish_reason", finish);
        return c;
    }

    private static void error(ServerResponse res, Status status, String message) throws IOException {
        ObjectNode out = JSON.createObjectNode();
        out.putObject("error").put("message", message).put("type", "invalid_request_error");
        res.status(status);
        res.header(HeaderValues.CONTENT_TYPE_JSON);
        res.send(JSON.writeValueAsBytes(out));
    }

    @Override
    public void close() {
        server.stop();
    }
}
