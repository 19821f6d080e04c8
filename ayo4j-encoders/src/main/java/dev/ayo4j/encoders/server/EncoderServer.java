// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.encoders.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.ayo4j.Checks;
import dev.ayo4j.RetriableEngineException;
import dev.ayo4j.encoders.pool.EncoderPool;
import dev.ayo4j.encoders.pool.InvalidTextException;
import dev.ayo4j.encoders.pool.OverloadedException;
import dev.ayo4j.encoders.pool.TextTooLongException;
import dev.ayo4j.encoders.server.EncoderProtocol.ProtocolException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * HTTP server of an {@link EncoderPool} speaking Hugging Face TEI's and OpenAI's embedding protocols
 * ({@code POST /embed}, {@code /rerank}, {@code /v1/embeddings}, answered by {@link EncoderProtocol}, which
 * holds their wire format and per-request limits), on the JDK's {@link HttpServer} with one virtual thread
 * per exchange. Beside them:
 *
 * <ul>
 *   <li>{@code GET /health} → 200 while a member is live, else 503; {@code GET /info} → model and window.</li>
 *   <li>{@code GET /metrics} → Prometheus text from the scrape function given at start; 404 without one.</li>
 * </ul>
 *
 * <p>Errors are JSON {@code {"error": message, "error_type": type}} with TEI's statuses, mapped in one place
 * ({@link #fail}): 401 without a valid bearer key when {@link Options#apiKeys} has keys, 404 and 405 for an
 * unknown route or method, the protocol's own refusals ({@link EncoderProtocol.ProtocolException}: 413 for a
 * body or a batch over its limit, 422 for malformed JSON, 503 for a request not served within its timeout),
 * 413 for a text over the window without truncation, 422 for invalid text, 429 for a full queue, 503 when no
 * member can serve, 500 otherwise; only the client's own mistakes are described, internal messages stay in
 * the server log.
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
    private static final System.Logger LOG = System.getLogger(EncoderServer.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final AtomicReference<Options> CONNECTION_SETTINGS = new AtomicReference<>();

    /**
     * Settings of a server.
     *
     * @param protocol       what one request may ask: truncation default, texts per request, request timeout,
     *                       body size ({@link EncoderProtocol.Limits})
     * @param readTimeout    longest a client may take to send a request's headers and body (process-wide)
     * @param idleTimeout    longest an idle keep-alive connection stays open (process-wide)
     * @param maxConnections most connections open at once; more are closed on accept (process-wide)
     * @param apiKeys        bearer keys every request but {@code /health} must carry; none: no authentication
     */
    public record Options(EncoderProtocol.Limits protocol, Duration readTimeout, Duration idleTimeout,
                          int maxConnections, ApiKeys apiKeys) {
        /** {@link EncoderProtocol.Limits#DEFAULT}, 30 s to send a request, 30 s idle, 1,000 connections, no keys. */
        public static final Options DEFAULT = new Options(EncoderProtocol.Limits.DEFAULT, Duration.ofSeconds(30),
                Duration.ofSeconds(30), 1000, ApiKeys.none());

        public Options {
            Objects.requireNonNull(protocol, "protocol");
            Objects.requireNonNull(readTimeout, "readTimeout");
            Objects.requireNonNull(idleTimeout, "idleTimeout");
            Objects.requireNonNull(apiKeys, "apiKeys");
            Checks.argument(maxConnections > 0, "maxConnections must be > 0: %s", maxConnections);
            Checks.argument(readTimeout.toSeconds() >= 1 && idleTimeout.toSeconds() >= 1,
                    "the read and idle timeouts must be at least 1 s: %s, %s", readTimeout, idleTimeout);
        }

        public Options withProtocol(EncoderProtocol.Limits v) {
            return new Options(v, readTimeout, idleTimeout, maxConnections, apiKeys);
        }

        public Options withTruncateByDefault(boolean v) {
            return withProtocol(protocol.withTruncateByDefault(v));
        }

        public Options withMaxInputs(int v) {
            return withProtocol(protocol.withMaxInputs(v));
        }

        public Options withRequestTimeout(Duration v) {
            return withProtocol(protocol.withRequestTimeout(v));
        }

        public Options withConnections(Duration read, Duration idle, int max) {
            return new Options(protocol, read, idle, max, apiKeys);
        }

        public Options withApiKeys(ApiKeys v) {
            return new Options(protocol, readTimeout, idleTimeout, maxConnections, v);
        }
    }

    /**
     * Told of every request the server answered, e.g. to time it into {@code http.server.requests}. Its labels
     * are of low cardinality whatever a client sends: never the raw path or method.
     */
    @FunctionalInterface
    public interface RequestListener {
        /** Ignores every request. */
        RequestListener NONE = (_, _, _, _) -> { };

        /**
         * A request was answered; must be quick and must not throw.
         *
         * @param method {@code GET}, {@code POST}, or {@code other}
         * @param route  the path of an endpoint the server serves ({@code /embed}, {@code /health}, ...), or
         *               {@code other}
         * @param status the response status
         * @param nanos  from the handler's start to the response's end
         */
        void served(String method, String route, int status, long nanos);
    }

    /** Paths the server serves, as {@link RequestListener} routes. */
    private static final java.util.Set<String> ROUTES = java.util.stream.Stream.concat(
            java.util.stream.Stream.of("/health", "/info", "/metrics"),
            Arrays.stream(EncoderProtocol.Endpoint.values()).map(EncoderProtocol.Endpoint::path))
            .collect(java.util.stream.Collectors.toUnmodifiableSet());

    private final EncoderPool pool;
    private final @Nullable Supplier<String> metrics;
    private final RequestListener requests;
    private final Options options;
    private final EncoderProtocol protocol;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

    private EncoderServer(EncoderPool pool, Options options, InetSocketAddress address,
                          @Nullable Supplier<String> metrics, RequestListener requests) throws IOException {
        this.pool = pool;
        this.metrics = metrics;
        this.requests = requests;
        this.options = options;
        this.protocol = new EncoderProtocol(pool, options.protocol());
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
        return start(pool, address, options, metrics, RequestListener.NONE);
    }

    /**
     * As {@link #start(EncoderPool, InetSocketAddress, Options, Supplier)}, telling {@code requests} of every
     * request answered (for HTTP metrics).
     */
    public static EncoderServer start(EncoderPool pool, InetSocketAddress address, Options options,
                                      @Nullable Supplier<String> metrics, RequestListener requests) {
        try {
            return new EncoderServer(Objects.requireNonNull(pool, "pool"), Objects.requireNonNull(options, "options"),
                    address, metrics, Objects.requireNonNull(requests, "requests"));
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

    private void handle(HttpExchange ex) throws IOException {
        long start = System.nanoTime();
        // The exchange closes after the error handler ran: try-with-resources would close it before the catch.
        try (ex) {
            respond(ex);
        } finally {
            if (requests != RequestListener.NONE) {
                String method = ex.getRequestMethod();
                String path = ex.getRequestURI().getPath();
                int status = ex.getResponseCode();
                try {
                    requests.served(method.equals("GET") || method.equals("POST") ? method : "other",
                            ROUTES.contains(path) ? path : "other", status < 0 ? 500 : status, System.nanoTime() - start);
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "request listener failed", e);
                }
            }
        }
    }

    private void respond(HttpExchange ex) throws IOException {
        try {
            String path = ex.getRequestURI().getPath();
            String method = ex.getRequestMethod();
            if (!path.equals("/health") && !options.apiKeys().allows(ex.getRequestHeaders().getFirst("Authorization"))) {
                ex.getResponseHeaders().set("WWW-Authenticate", "Bearer");
                throw new ProtocolException(401, "Unauthorized", "a valid API key is needed: send Authorization: Bearer <key>");
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
                default -> {
                    EncoderProtocol.Endpoint endpoint = EncoderProtocol.Endpoint.byPath(path)
                            .orElseThrow(() -> new ProtocolException(404, "no such endpoint: " + path));
                    requireMethod(method, "POST");
                    byte[] bytes;
                    try (InputStream in = ex.getRequestBody()) {
                        bytes = protocol.read(in);
                    }
                    yield protocol.answer(endpoint, bytes);
                }
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

    private Object metrics(HttpExchange ex, String method) throws IOException {
        requireMethod(method, "GET");
        if (metrics == null) {
            throw new ProtocolException(404, "no such endpoint: /metrics");
        }
        byte[] bytes = metrics.get().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
        ex.sendResponseHeaders(200, bytes.length);
        ex.getResponseBody().write(bytes);
        return null;
    }

    private static void requireMethod(String method, String expected) {
        if (!method.equals(expected)) {
            throw new ProtocolException(405, "use " + expected + ", not " + method);
        }
    }

    /** The one place where exceptions become statuses. */
    private static void fail(HttpExchange ex, RuntimeException e) throws IOException {
        record Answer(int status, String type, String message) {}
        Answer a = switch (e) {
            case ProtocolException p -> new Answer(p.status(), p.type(), p.getMessage());
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
