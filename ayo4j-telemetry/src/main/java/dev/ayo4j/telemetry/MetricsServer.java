// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.telemetry;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * HTTP server of one route, {@code GET /metrics}, answering the Prometheus text of a scrape function, on the
 * JDK's {@link HttpServer} with one virtual thread per exchange. Other paths are 404, other methods 405.
 */
public final class MetricsServer implements AutoCloseable {
    /** Content type of the Prometheus text exposition format. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final Supplier<String> scrape;

    private MetricsServer(InetSocketAddress address, Supplier<String> scrape) throws IOException {
        this.scrape = scrape;
        this.server = HttpServer.create(address, 0);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Serves {@code scrape} on {@code address} (port 0: an ephemeral port). */
    public static MetricsServer start(InetSocketAddress address, Supplier<String> scrape) {
        try {
            return new MetricsServer(address, Objects.requireNonNull(scrape, "scrape"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + address + ": " + e.getMessage(), e);
        }
    }

    /** The bound port. */
    public int port() {
        return server.getAddress().getPort();
    }

    /** {@code http://host:port/metrics}. */
    public URI uri() {
        return URI.create("http://" + server.getAddress().getHostString() + ":" + port() + "/metrics");
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            if (!ex.getRequestURI().getPath().equals("/metrics")) {
                send(ex, 404, "no such endpoint: " + ex.getRequestURI().getPath() + "\n", "text/plain");
            } else if (!ex.getRequestMethod().equals("GET")) {
                ex.getResponseHeaders().set("Allow", "GET");
                send(ex, 405, "GET only\n", "text/plain");
            } else {
                send(ex, 200, scrape.get(), CONTENT_TYPE);
            }
        }
    }

    private static void send(HttpExchange ex, int status, String body, String type) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
