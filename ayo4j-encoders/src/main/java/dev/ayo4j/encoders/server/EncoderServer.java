// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.encoders.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.ayo4j.Checks;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

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
 *   <li>{@code GET /metrics} → Prometheus text from the scrape function given at start; 404 without one.</li>
 * </ul>
 *
 * <p>Errors are JSON {@code {"error": message, "error_type": type}} with TEI's statuses, mapped in one place
 * ({@link #fail}): 401 without a valid bearer key when {@link Options#apiKeys} has keys, 413 for a text over
 * the window without truncation, a body over {@link #MAX_BODY_BYTES} or more texts than
 * {@link Options#maxInputs} (or the pool's capacity) in one request, 422 for malformed JSON or invalid text, 429
 * for a full queue, 503 when no member can serve or the request was not served within
 * {@link Options#requestTimeout} (its texts are then taken off the queue), 500 otherwise; only the client's own
 * mistakes are described, internal messages stay in the server log.
 *
 * <p><b>Connections.</b> The JDK server's connection limits are settings of the process, read when its first
 * server starts: the first {@code EncoderServer} of a process sets them from its {@link Options} (a
 * request's headers and body must arrive within {@link Options#readTimeout}, an idle keep-alive connection
 * closes after {@link Options#idleTimeout}, at most {@link Options#maxConnections} are open), unless the
 * {@code sun.net.httpserver.*} / {@code jdk.httpserver.maxConnections} properties were set by the user.
 *
 * <p><b>Stopping.</b> {@link #drain} stops accepting and answers the requests in flight within a grace
 * period; {@link #close} stops at once.
 */
public final class EncoderServer implements AutoCloseable {
    /** Largest request body: 8 MiB. */
    public static final int MAX_BODY_BYTES = 8 << 20;
    private static final System.Logger LOG = System.getLogger(EncoderServer.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final AtomicReference<Options> CONNECTION_SETTINGS = new AtomicReference<>();

    /**
     * Settings of a server.
     *
     * @param truncateByDefault whether a text over the window is truncated when a request does not say
     * @param maxInputs         most texts in one request (a rerank's query counts); more is refused with 413
     * @param requestTimeout    longest a request may wait for its vectors; then 503, and its texts leave the queue
     * @param readTimeout       longest a client may take to send a request's headers and body (process-wide)
     * @param idleTimeout       longest an idle keep-alive connection stays open (process-wide)
     * @param maxConnections    most connections open at once; more are closed on accept (process-wide)
     * @param apiKeys           bearer keys every request but {@code /health} must carry; none: no authentication
     */
    public record Options(boolean truncateByDefault, int maxInputs, Duration requestTimeout, Duration readTimeout,
                          Duration idleTimeout, int maxConnections, ApiKeys apiKeys) {
        /** Truncation on, 256 texts, 60 s per request, 30 s to send one, 30 s idle, 1,000 connections, no keys. */
        public static final Options DEFAULT = new Options(true, 256, Duration.ofSeconds(60), Duration.ofSeconds(30),
                Duration.ofSeconds(30), 1000, ApiKeys.none());

        public Options {
            Objects.requireNonNull(requestTimeout, "requestTimeout");
            Objects.requireNonNull(readTimeout, "readTimeout");
            Objects.requireNonNull(idleTimeout, "idleTimeout");
            Objects.requireNonNull(apiKeys, "apiKeys");
            Checks.argument(maxInputs > 0, "maxInputs must be > 0: %s", maxInputs);
            Checks.argument(maxConnections > 0, "maxConnections must be > 0: %s", maxConnections);
            Checks.argument(requestTimeout.isPositive() && readTimeout.toSeconds() >= 1 && idleTimeout.toSeconds() >= 1,
                    "timeouts must be positive, and the read and idle timeouts at least 1 s: %s, %s, %s",
                    requestTimeout, readTimeout, idleTimeout);
        }

        public Options withTruncateByDefault(boolean v) {
            return new Options(v, maxInputs, requestTimeout, readTimeout, idleTimeout, maxConnections, apiKeys);
        }

        public Options withMaxInputs(int v) {
            return new Options(truncateByDefault, v, requestTimeout, readTimeout, idleTimeout, maxConnections, apiKeys);
        }

        public Options withRequestTimeout(Duration v) {
            return new Options(truncateByDefault, maxInputs, v, readTimeout, idleTimeout, maxConnections, apiKeys);
        }

        public Options withConnections(Duration read, Duration idle, int max) {
            return new Options(truncateByDefault, maxInputs, requestTimeout, read, idle, max, apiKeys);
        }

        public Options withApiKeys(ApiKeys v) {
            return new Options(truncateByDefault, maxInputs, requestTimeout, readTimeout, idleTimeout, maxConnections, v);
        }
    }

    private final EncoderPool pool;
    private final @Nullable Supplier<String> metrics;
    private final Options options;
    private final boolean truncateByDefault;
    private final int maxInputs;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

    private EncoderServer(EncoderPool pool, Options options, InetSocketAddress address,
                          @Nullable Supplier<String> metrics) throws IOException {
        this.pool = pool;
        this.metrics = metrics;
        this.options = options;
        this.truncateByDefault = options.truncateByDefault();
        this.maxInputs = Math.min(options.maxInputs(), pool.capacity());
        applyConnectionSettings(options);
        this.server = HttpServer.create(address, 0);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /**
     * Serves {@code pool} on {@code address} (port 0: an ephemeral port) with {@code options}. The caller keeps
     * ownership of the pool.
     */
    public static EncoderServer start(EncoderPool pool, InetSocketAddress address, Options options) {
        return start(pool, address, options, null);
    }

    /** As {@link #start(EncoderPool, InetSocketAddress, Options)}, serving {@code metrics} (Prometheus text) at {@code GET /metrics}. */
    public static EncoderServer start(EncoderPool pool, InetSocketAddress address, Options options,
                                      @Nullable Supplier<String> metrics) {
        try {
            return new EncoderServer(Objects.requireNonNull(pool, "pool"), Objects.requireNonNull(options, "options"),
                    address, metrics);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + address + ": " + e.getMessage(), e);
        }
    }

    /** The JDK server reads these once per process, when its first server starts; a user's settings win. */
    private static void applyConnectionSettings(Options o) {
        if (!CONNECTION_SETTINGS.compareAndSet(null, o)) {
            Options first = CONNECTION_SETTINGS.get();
            if (!first.readTimeout().equals(o.readTimeout()) || !first.idleTimeout().equals(o.idleTimeout())
                    || first.maxConnections() != o.maxConnections()) {
                LOG.log(System.Logger.Level.WARNING, "connection limits are per process: keeping those of the first"
                        + " server (read {0}, idle {1}, {2} connections)", first.readTimeout(), first.idleTimeout(),
                        first.maxConnections());
            }
            return;
        }
        setIfAbsent("sun.net.httpserver.maxReqTime", Long.toString(o.readTimeout().toSeconds()));
        setIfAbsent("sun.net.httpserver.idleInterval", Long.toString(o.idleTimeout().toSeconds()));
        setIfAbsent("jdk.httpserver.maxConnections", Integer.toString(o.maxConnections()));
    }

    private static void setIfAbsent(String property, String value) {
        if (System.getProperty(property) == null) {
            System.setProperty(property, value);
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

    /** A client's mistake (or a request the server gave up), answered with {@code status}, a type and this message. */
    private static final class BadRequest extends RuntimeException {
        final int status;
        final String type;

        BadRequest(int status, String message) {
            this(status, "Validation", message);
        }

        BadRequest(int status, String type, String message) {
            super(message);
            this.status = status;
            this.type = type;
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
            if (!path.equals("/health") && !options.apiKeys().allows(ex.getRequestHeaders().getFirst("Authorization"))) {
                ex.getResponseHeaders().set("WWW-Authenticate", "Bearer");
                throw new BadRequest(401, "Unauthorized", "a valid API key is needed: send Authorization: Bearer <key>");
            }
            Object body = switch (path) {
                case "/health" -> health(ex, method);
                case "/info" -> {
                    requireMethod(method, "GET");
                    ObjectNode info = JSON.createObjectNode().put("model_id", pool.model())
                            .put("max_input_length", pool.window());
                    yield info;
                }
                case "/metrics" -> metrics(ex, method);
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
        List<float[]> vectors = encode(texts, truncate(req));
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

    private Object openAi(JsonNode req) {
        List<String> texts = strings(req, "input", true);
        String format = req.path("encoding_format").asText("float");
        if (!format.equals("float") && !format.equals("base64")) {
            throw new BadRequest(422, "encoding_format must be float or base64, not " + format);
        }
        boolean truncate = truncate(req);
        checkSize(texts.size());
        int[] tokens = pool.measure(texts, truncate);
        List<float[]> vectors = encode(texts, truncate);
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

    private void checkSize(int texts) {
        if (texts > maxInputs) {
            throw new BadRequest(413, String.format("%d texts in one request; this server takes at most %d per request:"
                    + " split them into several requests", texts, maxInputs));
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
            return vectors.get(options.requestTimeout().toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            vectors.cancel(true);
            throw new BadRequest(503, "Overloaded", "the request was not served within " + options.requestTimeout()
                    + "; its texts were taken off the queue");
        } catch (InterruptedException e) {
            vectors.cancel(true);
            Thread.currentThread().interrupt();
            throw new BadRequest(503, "Unhealthy", "the server is stopping");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException("encoding failed", e.getCause());
        }
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

    private Object metrics(HttpExchange ex, String method) throws IOException {
        requireMethod(method, "GET");
        if (metrics == null) {
            throw new BadRequest(404, "no such endpoint: /metrics");
        }
        byte[] bytes = metrics.get().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
        ex.sendResponseHeaders(200, bytes.length);
        ex.getResponseBody().write(bytes);
        return null;
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
            case BadRequest b -> new Answer(b.status, b.type, b.getMessage());
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

    /**
     * Stops accepting connections and waits up to {@code grace} (whole seconds, rounded up) for the requests
     * in flight to be answered, so that a TERM does not drop them; then stops. The pool is left to its owner.
     */
    public void drain(Duration grace) {
        long seconds = Math.max(0, (grace.toMillis() + 999) / 1000);
        server.stop((int) Math.min(seconds, Integer.MAX_VALUE));
        executor.shutdownNow();
    }

    /** Stops listening at once; the pool is left to its owner. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
