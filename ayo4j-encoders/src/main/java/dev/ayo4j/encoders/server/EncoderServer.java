package dev.ayo4j.encoders.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * HTTP server of an {@link EncoderPool} speaking Hugging Face TEI's and OpenAI's embedding protocols, on the
 * JDK's {@link HttpServer} with one virtual thread per exchange.
 *
 * <ul>
 *   <li>{@code POST /embed}, {@code POST /rerank} (TEI) and {@code POST /v1/embeddings} (OpenAI), as
 *       {@link EncoderProtocol} describes;</li>
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
    private final EncoderProtocol protocol;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

    private EncoderServer(EncoderPool pool, boolean truncateByDefault, InetSocketAddress address) throws IOException {
        this.pool = pool;
        this.protocol = new EncoderProtocol(pool, truncateByDefault);
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
                case "/embed" -> protocol.embed(read(ex, method));
                case "/rerank" -> protocol.rerank(read(ex, method));
                case "/v1/embeddings" -> protocol.openAiEmbeddings(read(ex, method));
                default -> throw new EncoderProtocol.ProtocolException(404, "no such endpoint: " + path);
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

    private static void requireMethod(String method, String expected) {
        if (!method.equals(expected)) {
            throw new EncoderProtocol.ProtocolException(405, "use " + expected + ", not " + method);
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
            throw new EncoderProtocol.ProtocolException(413, "request body over " + MAX_BODY_BYTES + " bytes");
        }
        try {
            JsonNode tree = JSON.readTree(bytes);
            if (tree == null || !tree.isObject()) {
                throw new EncoderProtocol.ProtocolException(422, "request body must be a JSON object");
            }
            return tree;
        } catch (JsonProcessingException e) {
            throw new EncoderProtocol.ProtocolException(422, "request body is not valid UTF-8 JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The one place where exceptions become statuses. */
    private static void fail(HttpExchange ex, RuntimeException e) throws IOException {
        record Answer(int status, String type, String message) {}
        Answer a = switch (e) {
            case EncoderProtocol.ProtocolException b -> new Answer(b.status(), "Validation", b.getMessage());
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
