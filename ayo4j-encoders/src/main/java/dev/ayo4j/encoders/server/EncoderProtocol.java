// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.encoders.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ayo4j.Checks;
import dev.ayo4j.encoders.pool.EncoderPool;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The embedding protocols of an {@link EncoderPool}, independent of any HTTP server: Hugging Face TEI's
 * {@code /embed} and {@code /rerank} and OpenAI's {@code /v1/embeddings}, each a function from a request
 * body to the response body, within {@link Limits}. {@link EncoderServer} ({@code ayo4j serve encoder}) and
 * the ayo4j server both answer through {@link #answer}, so the wire format and its limits live in one place.
 *
 * <ul>
 *   <li>{@link Endpoint#EMBED} {@code {"inputs": "..." | [...], "normalize": true, "truncate": true}} →
 *       {@code [[...], ...]} (TEI). {@code truncate} defaults to {@link Limits#truncateByDefault}; {@code
 *       normalize: false} is refused (unit vectors only).</li>
 *   <li>{@link Endpoint#RERANK} {@code {"query": "...", "texts": [...], "return_text": false}} →
 *       {@code [{"index": i, "score": s}, ...]} best first (TEI); the score is the cosine of the two
 *       embeddings.</li>
 *   <li>{@link Endpoint#OPENAI_EMBEDDINGS} {@code {"input": "..." | [...], "model": "...", "encoding_format":
 *       "float" | "base64"}} → {@code {"object": "list", "data": [{"object": "embedding", "embedding": [...],
 *       "index": 0}], "model": ..., "usage": {...}}} (OpenAI). Token-id inputs are refused.</li>
 * </ul>
 *
 * <p><b>Limits.</b> A body over {@link Limits#maxBodyBytes} and a request with more texts than {@link
 * Limits#maxInputs} (or than the pool's capacity; a rerank's query counts) are refused with 413 naming the
 * limit; a request not served within {@link Limits#requestTimeout} is refused with 503 and its texts are
 * taken off the pool's queue.
 *
 * <p><b>Errors.</b> A request that is the client's mistake, or one the protocol gives up, throws {@link
 * ProtocolException} with the status and TEI error type to answer; the pool's own exceptions ({@code
 * InvalidTextException}, {@code TextTooLongException}, {@code OverloadedException}, {@code
 * RetriableEngineException}) pass through for the server's error mapping. Authentication is the server's:
 * both servers check {@link ApiKeys} before a request reaches the protocol.
 *
 * <p>Thread-safe; {@link #answer} blocks until the pool answers or the request timeout passes.
 */
public final class EncoderProtocol {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The protocol's routes, by the path both servers serve them on. */
    public enum Endpoint {
        /** TEI {@code POST /embed}. */
        EMBED("/embed"),
        /** TEI {@code POST /rerank}. */
        RERANK("/rerank"),
        /** OpenAI {@code POST /v1/embeddings}. */
        OPENAI_EMBEDDINGS("/v1/embeddings");

        private final String path;

        Endpoint(String path) {
            this.path = path;
        }

        /** The request path, e.g. {@code /embed}. */
        public String path() {
            return path;
        }

        /** The endpoint served on {@code path}, if any. */
        public static Optional<Endpoint> byPath(String path) {
            return Arrays.stream(values()).filter(e -> e.path.equals(path)).findFirst();
        }
    }

    /**
     * What one request may ask of the protocol.
     *
     * @param truncateByDefault whether a text over the window is truncated when a request does not say
     * @param maxInputs         most texts in one request (a rerank's query counts); more is refused with 413
     * @param requestTimeout    longest a request may wait for its vectors; then 503, and its texts leave the queue
     * @param maxBodyBytes      largest request body; more is refused with 413
     */
    public record Limits(boolean truncateByDefault, int maxInputs, Duration requestTimeout, int maxBodyBytes) {
        /** Largest request body by default: 8 MiB. */
        public static final int DEFAULT_MAX_BODY_BYTES = 8 << 20;
        /** Truncation on, 256 texts, 60 s per request, {@value #DEFAULT_MAX_BODY_BYTES} bytes of body. */
        public static final Limits DEFAULT = new Limits(true, 256, Duration.ofSeconds(60), DEFAULT_MAX_BODY_BYTES);

        public Limits {
            Objects.requireNonNull(requestTimeout, "requestTimeout");
            Checks.argument(maxInputs > 0, "maxInputs must be > 0: %s", maxInputs);
            Checks.argument(requestTimeout.isPositive(), "requestTimeout must be positive: %s", requestTimeout);
            Checks.argument(maxBodyBytes > 0, "maxBodyBytes must be > 0: %s", maxBodyBytes);
        }

        public Limits withTruncateByDefault(boolean v) {
            return new Limits(v, maxInputs, requestTimeout, maxBodyBytes);
        }

        public Limits withMaxInputs(int v) {
            return new Limits(truncateByDefault, v, requestTimeout, maxBodyBytes);
        }

        public Limits withRequestTimeout(Duration v) {
            return new Limits(truncateByDefault, maxInputs, v, maxBodyBytes);
        }

        public Limits withMaxBodyBytes(int v) {
            return new Limits(truncateByDefault, maxInputs, requestTimeout, v);
        }
    }

    /** A request the protocol refuses or gives up, to be answered with {@link #status()} and {@link #type()}. */
    public static final class ProtocolException extends dev.ayo4j.Ayo4jException {
        /** TEI's error type of a client's mistake. */
        public static final String VALIDATION = "Validation";
        /** TEI's error type of a request the server could not serve in time. */
        public static final String OVERLOADED = "Overloaded";
        /** TEI's error type of a server that cannot serve (stopping). */
        public static final String UNHEALTHY = "Unhealthy";

        private final int status;
        private final String type;

        /** A client's mistake ({@value #VALIDATION}). */
        public ProtocolException(int status, String message) {
            this(status, VALIDATION, message);
        }

        public ProtocolException(int status, String type, String message) {
            super(message);
            this.status = status;
            this.type = Objects.requireNonNull(type, "type");
        }

        /** The HTTP status to answer with: 413, 422 or 503 from the protocol (a server adds 401, 404 and 405). */
        public int status() {
            return status;
        }

        /** TEI's {@code error_type}: {@value #VALIDATION}, {@value #OVERLOADED} or {@value #UNHEALTHY}. */
        public String type() {
            return type;
        }
    }

    private final EncoderPool pool;
    private final Limits limits;
    private final int maxInputs;

    /** The protocols over {@code pool} within {@code limits}. */
    public EncoderProtocol(EncoderPool pool, Limits limits) {
        this.pool = Objects.requireNonNull(pool, "pool");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.maxInputs = Math.min(limits.maxInputs(), pool.capacity());
    }

    /** The pool served. */
    public EncoderPool pool() {
        return pool;
    }

    /** The limits applied. */
    public Limits limits() {
        return limits;
    }

    /**
     * Reads a request body from {@code in}, at most {@link Limits#maxBodyBytes}; a 413 naming the limit beyond
     * it. Does not close {@code in}.
     */
    public byte[] read(InputStream in) {
        try {
            return checkBody(in.readNBytes(limits.maxBodyBytes() + 1));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Answers {@code body} (UTF-8 JSON) sent to {@code endpoint}: the response body, to be sent with 200. */
    public JsonNode answer(Endpoint endpoint, byte[] body) {
        JsonNode req = parse(checkBody(body));
        return switch (endpoint) {
            case EMBED -> embed(req);
            case RERANK -> rerank(req);
            case OPENAI_EMBEDDINGS -> openAiEmbeddings(req);
        };
    }

    private byte[] checkBody(byte[] body) {
        if (body.length > limits.maxBodyBytes()) {
            throw new ProtocolException(413, "request body over " + limits.maxBodyBytes() + " bytes, the limit");
        }
        return body;
    }

    private static JsonNode parse(byte[] body) {
        try {
            JsonNode tree = JSON.readTree(body);
            if (tree == null || !tree.isObject()) {
                throw new ProtocolException(422, "request body must be a JSON object");
            }
            return tree;
        } catch (JsonProcessingException e) {
            throw new ProtocolException(422, "request body is not valid UTF-8 JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private JsonNode embed(JsonNode req) {
        List<String> texts = strings(req, "inputs", true);
        if (!req.path("normalize").asBoolean(true)) {
            throw new ProtocolException(422, "normalize=false is not supported: this server returns unit vectors only");
        }
        List<float[]> vectors = encode(texts, truncate(req));
        ArrayNode out = JSON.createArrayNode();
        vectors.forEach(v -> out.add(vector(v)));
        return out;
    }

    private JsonNode rerank(JsonNode req) {
        JsonNode query = req.get("query");
        if (query == null || !query.isTextual()) {
            throw new ProtocolException(422, "field 'query' must be a string");
        }
        List<String> texts = strings(req, "texts", false);
        List<String> all = new ArrayList<>(texts.size() + 1);
        all.add(query.asText());
        all.addAll(texts);
        double[] scores = EncoderPool.cosines(encode(all, truncate(req)));
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

    private JsonNode openAiEmbeddings(JsonNode req) {
        List<String> texts = strings(req, "input", true);
        String format = req.path("encoding_format").asText("float");
        if (!format.equals("float") && !format.equals("base64")) {
            throw new ProtocolException(422, "encoding_format must be float or base64, not " + format);
        }
        boolean truncate = truncate(req);
        checkSize(texts.size());
        int[] tokens = pool.measure(texts, truncate);
        List<float[]> vectors = encode(texts, truncate);
        if (req.has("dimensions") && req.get("dimensions").asInt() != vectors.getFirst().length) {
            throw new ProtocolException(422, "dimensions must be " + vectors.getFirst().length + " for " + pool.model());
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

    private void checkSize(int texts) {
        if (texts > maxInputs) {
            throw new ProtocolException(413, String.format("%d texts in one request; this server takes at most %d per"
                    + " request: split them into several requests", texts, maxInputs));
        }
    }

    /**
     * Queues the texts and waits at most the request timeout for their vectors; a request that is given up
     * (timeout or interruption) is cancelled, which takes its texts off the pool's queue.
     */
    private List<float[]> encode(List<String> texts, boolean truncate) {
        checkSize(texts.size());
        CompletableFuture<List<float[]>> vectors = pool.submit(texts, truncate);
        try {
            return vectors.get(limits.requestTimeout().toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            vectors.cancel(true);
            throw new ProtocolException(503, ProtocolException.OVERLOADED, "the request was not served within "
                    + limits.requestTimeout() + "; its texts were taken off the queue");
        } catch (InterruptedException e) {
            vectors.cancel(true);
            Thread.currentThread().interrupt();
            throw new ProtocolException(503, ProtocolException.UNHEALTHY, "the server is stopping");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException("encoding failed", e.getCause());
        }
    }

    private boolean truncate(JsonNode req) {
        JsonNode t = req.get("truncate");
        if (t == null || t.isNull()) {
            return limits.truncateByDefault();
        }
        if (!t.isBoolean()) {
            throw new ProtocolException(422, "field 'truncate' must be true or false");
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
            throw new ProtocolException(422, "field '" + name + "' must be " + (single ? "a string or " : "")
                    + "an array of strings");
        }
        List<String> texts = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            if (!node.get(i).isTextual()) {
                throw new ProtocolException(422, "field '" + name + "'[" + i + "] must be a string"
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
}
