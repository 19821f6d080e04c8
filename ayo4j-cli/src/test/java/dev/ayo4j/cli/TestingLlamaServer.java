// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.ayo4j.primitive.OutputFormat;
import dev.ayo4j.primitive.Primitive;
import dev.ayo4j.primitive.PromptTemplate;
import dev.ayo4j.runtime.EngineProviders;
import dev.ayo4j.runtime.EngineSpec;
import dev.ayo4j.spi.Engine;
import dev.ayo4j.spi.Generation;
import dev.ayo4j.spi.SingleTaskCalls;
import dev.ayo4j.spi.Task;
import dev.ayo4j.spi.TaskId;
import dev.ayo4j.spi.TaskResult;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An OpenAI-compatible server on an ephemeral loopback port for tests, answering
 * {@code POST /v1/completions} (streamed or not) with a real model: an in-process llama.cpp engine on
 * a GGUF file, so the text is what the model generates. {@code GET /v1/models} lists the model.
 */
final class TestingLlamaServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String END = "\u0000end";

    private final Engine engine;
    private final SingleTaskCalls calls;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final AtomicInteger requests = new AtomicInteger();

    private TestingLlamaServer(Path model) throws IOException {
        this.engine = EngineProviders.load().create(EngineSpec.of("served", "llamacpp",
                Map.of("model", model.toString(), "threads", "1", "slots", "2", "ctxSize", "4096"), Set.of()));
        this.calls = new SingleTaskCalls(engine);
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/v1/completions", this::complete);
        server.createContext("/v1/models", ex -> {
            try (ex) {
                byte[] body = "{\"object\":\"list\",\"data\":[{\"id\":\"chain\",\"object\":\"model\"}]}"
                        .getBytes(StandardCharsets.UTF_8);
                ex.sendResponseHeaders(200, body.length);
                ex.getResponseBody().write(body);
            }
        });
        server.start();
    }

    /** Serves the GGUF model at {@code model}. */
    static TestingLlamaServer start(Path model) {
        try {
            return new TestingLlamaServer(model);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The base URL an OpenAI client is given: {@code http://127.0.0.1:PORT/v1}. */
    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    /** Completion requests served so far. */
    int requests() {
        return requests.get();
    }

    private void complete(HttpExchange ex) throws IOException {
        try (ex) {
            requests.incrementAndGet();
            JsonNode body = JSON.readTree(ex.getRequestBody());
            String prompt = body.path("prompt").asText();
            int maxTokens = Math.max(1, body.path("max_tokens").asInt(16));
            int items = body.path("response_format").path("json_schema").path("schema").path("maxItems").asInt(0);
            OutputFormat format = items > 0 ? OutputFormat.jsonList(items) : OutputFormat.text();
            Task task = Task.of(new TaskId("served", "c" + requests.get()), new Primitive.Prefill("served",
                    PromptTemplate.of("{{prompt}}"), format, maxTokens, prompt.length() / 4 + 1, false),
                    Map.of("prompt", prompt));
            TaskResult r = calls.call(task);
            if (!(r instanceof TaskResult.Success(Object value, int promptTokens, int _))) {
                byte[] err = ("{\"error\":{\"message\":\"" + ((TaskResult.Failure) r).cause().getMessage()
                        .replace('"', '\'') + "\"}}").getBytes(StandardCharsets.UTF_8);
                ex.sendResponseHeaders(500, err.length);
                ex.getResponseBody().write(err);
                return;
            }
            Generation g = (Generation) value;
            if (!body.path("stream").asBoolean(false)) {
                String text = g.text().join();
                ObjectNode root = JSON.createObjectNode();
                root.putArray("choices").addObject().put("index", 0).put("text", text).put("finish_reason", "length");
                root.putObject("usage").put("prompt_tokens", promptTokens).put("completion_tokens",
                        g.generatedTokens());
                byte[] bytes = JSON.writeValueAsBytes(root);
                ex.getResponseHeaders().set("Content-Type", "application/json");
                ex.sendResponseHeaders(200, bytes.length);
                ex.getResponseBody().write(bytes);
                return;
            }
            LinkedBlockingQueue<String> chunks = new LinkedBlockingQueue<>();
            g.subscribe(new Generation.Listener() {
                @Override
                public void onChunk(String chunk) {
                    chunks.add(chunk);
                }

                @Override
                public void onEnd() {
                    chunks.add(END);
                }

                @Override
                public void onError(Throwable cause) {
                    chunks.add(END);
                }
            });
            ex.getResponseHeaders().set("Content-Type", "text/event-stream");
            ex.sendResponseHeaders(200, 0);
            OutputStream out = ex.getResponseBody();
            try {
                for (String c = chunks.take(); !c.equals(END); c = chunks.take()) {
                    ObjectNode chunk = JSON.createObjectNode().put("object", "text_completion");
                    chunk.putArray("choices").addObject().put("index", 0).put("text", c).putNull("finish_reason");
                    event(out, JSON.writeValueAsString(chunk));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                g.cancel();
                return;
            } catch (IOException e) {
                g.cancel();
                return;
            }
            ObjectNode last = JSON.createObjectNode().put("object", "text_completion");
            last.putArray("choices").addObject().put("index", 0).put("text", "").put("finish_reason", "stop");
            event(out, JSON.writeValueAsString(last));
            event(out, "[DONE]");
        }
    }

    private static void event(OutputStream out, String data) throws IOException {
        out.write(("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        engine.close();
    }
}
