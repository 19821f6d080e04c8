// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.encoders.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.ayo4j.RetriableEngineException;
import dev.ayo4j.encoders.pool.EncoderPool;
import dev.ayo4j.encoders.pool.InvalidTextException;
import dev.ayo4j.encoders.pool.OverloadedException;
import dev.ayo4j.encoders.pool.TextTooLongException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * HTTP server of an {@link EncoderPool} speaking Hugging Face TEI's and OpenAI's embedding protocols, on the
 * JDK's {@link HttpServer} with one virtual thread per exchange.
 *
 * <ul>
 *   <li>{@code POST /embed} {@code {"inputs": "..." | [...], "normalize": true, "truncate": true}} →
 *       {@code [[...], ...]} (TEI). {@code truncate} defaults to the server's setting; {@code normalize: false}
 *       is refused (this server returns unit vectors only).</li>
 *   <li>{@code POST /rerank} {@code {"query": "...", "texts": [...], "return_text": false}} →
 *       {@code [{"index": i, "score": s}, ...]} best first (TEI); the score is the cosine of the two
 *       embeddings.</li>
 *   <li>{@code POST /v1/embeddings} {@code {"input": "..." | [...], "model": "...", "encoding_format":
 *       "float" | "base64"}} → {@code {"object": "list", "data": [{"object": "embedding", "embedding": [...],
 *       "index": 0}], "model": ..., "usage": {...}}} (OpenAI). Token-id inputs are refused.</li>
 *   <li>{@code GET /health} → 200 while a member is live, else 503; {@code GET /info} → model and window.</li>
 * </ul>
 *
 * <p>Errors are JSON {@code {"error": message, "error_type": type}} with TEI's statuses, mapped in one place
 * ({@link #fail}): 413 for a text over the window without truncation or a body over {@link #MAX_BODY_BYTES},
 * 422 for malformed JSON or invalid text, 429 for a full queue, 503 when no member can serve, 500 otherwise;
 * only the client's own mistakes are described, internal messages stay in the server log.
 */
public final class EncoderServer implements AutoCloseable {
    /** Largest request body: 8 MiB. */
    public static final int MAX_BODY_BYTES = 8 << 20;
    private static final System.Logger LOG = System.getLogger(EncoderServer.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();

    private final EncoderPool pool;
    private final boolean truncateByDefault;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

    private EncoderServer(EncoderPool pool, boolean truncateByDefault, InetSocketAddress address) throws IOException {
        this.pool = pool;
        this.truncateByDefault = truncateByDefault;
        this.server = HttpServer.create(address, 0);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /**
     * Serves {@code pool} on {@code address} (port 0: an ephemeral port); {@code truncateByDefault} applies
     * to requests that do not say. The caller keeps ownership of the pool.
     */
    public static EncoderServer start(EncoderPool pool, InetSocketAddress address, boolean truncateByDefault) {
        try {
            return new EncoderServer(Objects.requireNonNull(pool, "pool"), truncateByDefault, address);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + address + ": " + e.getMessage(), e);
        }
    }

    /** The bound port. */
    public int port() {
        return server.getAddress().getPort();
    }

    /** {@code http://host:port}. */
    public URI uri() {
        return URI.create("http://" + server.getAddress().getHostString() + ":" + port());
    }

    /** A client's mistake, answered with {@code status} and this message. */
    private static final class BadRequest extends RuntimeException {
        final int status;

        BadRequest(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    private void handle(HttpExchange ex) throws IOException {
        // The exchange closes after the error handler ran: try-with-resources would close it before the catch.
        try (ex) {
            respond(ex);
        }
    }

    private void respond(HttpExchange ex) throws IOException {
        try {
            String path = ex.getRequestURI().getPath();
            String method = ex.getRequestMethod();
            Object body = switch (path) {
                case "/health" -> health(ex, method);
                case "/info" -> {
                    requireMethod(method, "GET");
                    ObjectNode info = JSON.createObjectNode().put("model_id", pool.model())
                            .put("max_input_length", pool.window());
                    yield info;
                }
                case "/embed" -> embed(read(ex, method));
                case "/rerank" -> rerank(read(ex, method));
                case "/v1/embeddings" -> openAi(read(ex, method));
                default -> throw new BadRequest(404, "no such endpoint: " + path);
            };
            if (body != null) {
                send(ex, 200, body);
            }
        } catch (RuntimeException e) {
            fail(ex, e);
        }
    }

    private Object health(HttpExchange ex, String method) throws IOException {
        requireMethod(method, "GET");
        EncoderPool.Stats s = pool.stats();
        ObjectNode node = JSON.createObjectNode().put("status", s.live() > 0 ? "ok" : "unhealthy")
                .put("members", s.members()).put("live", s.live()).put("queued", s.queued());
        send(ex, s.live() > 0 ? 200 : 503, node);
        return null;
    }

    private Object embed(JsonNode req) {
        List<String> texts = strings(req, "inputs", true);
        if (!req.path("normalize").asBoolean(true)) {
            throw new BadRequest(422, "normalize=false is not supported: this server returns unit vectors only");
        }
        List<float[]> vectors = pool.embed(texts, truncate(req));
        ArrayNode out = JSON.createArrayNode();
        vectors.forEach(v -> out.add(vector(v)));
        return out;
    }

    private Object rerank(JsonNode req) {
        JsonNode query = req.get("query");
        if (query == null || !query.isTextual()) {
            throw new BadRequest(422, "field 'query' must be a string");
        }
        List<String> texts = strings(req, "texts", false);
        double[] scores = pool.similarity(query.asText(), texts, truncate(req));
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < scores.length; i++) {
            order.add(i);
        }
        order.sort(Comparator.<Integer>comparingDouble(i -> -scores[i]).thenComparingInt(i -> i));
        boolean withText = req.path("return_text").asBoolean(false);
        ArrayNode out = JSON.createArrayNode();
        for (int i : order) {
            ObjectNode row = out.addObject().put("index", i).put("score", scores[i]);
            if (withText) {
                row.put("text", texts.get(i));
            }
        }
        return out;
    }

    private Object openAi(JsonNode req) {
        List<String> texts = strings(req, "input", true);
        String format = req.path("encoding_format").asText("float");
        if (!format.equals("float") && !format.equals("base64")) {
            throw new BadRequest(422, "encoding_format must be float or base64, not " + format);
        }
        boolean truncate = truncate(req);
        int[] tokens = pool.measure(texts, truncate);
        List<float[]> vectors = pool.embed(texts, truncate);
        if (req.has("dimensions") && req.get("dimensions").asInt() != vectors.getFirst().length) {
            throw new BadRequest(422, "dimensions must be " + vectors.getFirst().length + " for " + pool.model());
        }
        ObjectNode out = JSON.createObjectNode().put("object", "list");
        ArrayNode data = out.putArray("data");
        for (int i = 0; i < vectors.size(); i++) {
            ObjectNode row = data.addObject().put("object", "embedding").put("index", i);
            if (format.equals("base64")) {
                ByteBuffer buf = ByteBuffer.allocate(vectors.get(i).length * 4).order(ByteOrder.LITTLE_ENDIAN);
                buf.asFloatBuffer().put(vectors.get(i));
                row.put("embedding", Base64.getEncoder().encodeToString(buf.array()));
            } else {
                row.set("embedding", vector(vectors.get(i)));
            }
        }
        int total = 0;
        for (int t : tokens) {
            total += t;
        }
        out.put("model", pool.model());
        out.putObject("usage").put("prompt_tokens", total).put("total_tokens", total);
        return out;
    }

    private boolean truncate(JsonNode req) {
        JsonNode t = req.get("truncate");
        if (t == null || t.isNull()) {
            return truncateByDefault;
        }
        if (!t.isBoolean()) {
            throw new BadRequest(422, "field 'truncate' must be true or false");
        }
        return t.asBoolean();
    }

    /** Field {@code name} as a list of strings: a string (if {@code single}) or an array of strings. */
    private static List<String> strings(JsonNode req, String name, boolean single) {
        JsonNode node = req.get(name);
        if (node != null && single && node.isTextual()) {
            return List.of(node.asText());
        }
        if (node == null || !node.isArray()) {
            throw new BadRequest(422, "field '" + name + "' must be " + (single ? "a string or " : "")
                    + "an array of strings");
        }
        List<String> texts = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            if (!node.get(i).isTextual()) {
                throw new BadRequest(422, "field '" + name + "'[" + i + "] must be a string"
                        + (node.get(i).isArray() || node.get(i).isNumber() ? " (token-id inputs are not supported)" : ""));
            }
            texts.add(node.get(i).asText());
        }
        return texts;
    }

    private static ArrayNode vector(float[] v) {
        ArrayNode row = JSON.createArrayNode();
        for (float x : v) {
            row.add(x);
        }
        return row;
    }

    private static void requireMethod(String method, String expected) {
        if (!method.equals(expected)) {
            throw new BadRequest(405, "use " + expected + ", not " + method);
        }
    }

    private static JsonNode read(HttpExchange ex, String method) {
        requireMethod(method, "POST");
        byte[] bytes;
        try (InputStream in = ex.getRequestBody()) {
            bytes = in.readNBytes(MAX_BODY_BYTES + 1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (bytes.length > MAX_BODY_BYTES) {
            throw new BadRequest(413, "request body over " + MAX_BODY_BYTES + " bytes");
        }
        try {
            JsonNode tree = JSON.readTree(bytes);
            if (tree == null || !tree.isObject()) {
                throw new BadRequest(422, "request body must be a JSON object");
            }
            return tree;
        } catch (JsonProcessingException e) {
            throw new BadRequest(422, "request body is not valid UTF-8 JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The one place where exceptions become statuses. */
    private static void fail(HttpExchange ex, RuntimeException e) throws IOException {
        record Answer(int status, String type, String message) {}
        Answer a = switch (e) {
            case BadRequest b -> new Answer(b.status, "Validation", b.getMessage());
            case TextTooLongException t -> new Answer(413, "Validation", t.getMessage());
            case InvalidTextException t -> new Answer(422, "Validation", t.getMessage());
            case OverloadedException o -> new Answer(429, "Overloaded", o.getMessage());
            case RetriableEngineException r -> {
                LOG.log(System.Logger.Level.WARNING, "encoder unavailable", r);
                yield new Answer(503, "Unhealthy", "no encoder could serve the request now; retry later");
            }
            default -> {
                LOG.log(System.Logger.Level.ERROR, "internal error", e);
                yield new Answer(500, "Backend", "internal error");
            }
        };
        send(ex, a.status(), JSON.createObjectNode().put("error", a.message()).put("error_type", a.type()));
    }

    private static void send(HttpExchange ex, int status, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
    }

    /** Stops listening at once; the pool is left to its owner. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
