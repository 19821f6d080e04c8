// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.models;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A loopback Hugging Face hub for tests: {@code /{owner}/{repo}/resolve/{revision}/{file}} answers like
 * huggingface.co does for an LFS file (a 302 carrying {@code X-Linked-Etag} and {@code X-Linked-Size} to a
 * CDN path on another origin, {@code localhost}), and the CDN path serves the bytes with
 * {@code Content-Length}, a sha256 {@code ETag} and {@code Range} support (206). Files can be made to cut the connection after N bytes,
 * ignore ranges, serve wrong bytes, or require a token. Every request is recorded.
 */
final class TestingHubServer implements AutoCloseable {
    private static final Pattern RESOLVE = Pattern.compile("/([^/]+/[^/]+)/resolve/([^/]+)/(.+)");
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-");

    /** One request as the server saw it; header names are lower case. */
    record Request(String method, String path, Map<String, List<String>> headers) {
        String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null ? null : values.getFirst();
        }
    }

    /** How a file misbehaves. */
    private static final class Behaviour {
        volatile long cutAfter = -1;
        volatile long stallAfter = -1;
        volatile boolean ignoreRange;
        volatile byte[] wrongBytes;
        volatile String token;
    }

    private final HttpServer server;
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private final Map<String, Behaviour> behaviours = new ConcurrentHashMap<>();
    private final Map<String, String> cdn = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    TestingHubServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    /** The endpoint to give the downloader. */
    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Serves {@code content} as {@code file} of {@code repo} at revision {@code main}. */
    TestingHubServer serve(String repo, String file, byte[] content) {
        return serve(repo, "main", file, content);
    }

    /** Serves {@code content} as {@code file} of {@code repo} at {@code revision}. */
    TestingHubServer serve(String repo, String revision, String file, byte[] content) {
        String key = key(repo, revision, file);
        files.put(key, content.clone());
        behaviours.put(key, new Behaviour());
        cdn.put(sha256(content), key);
        return this;
    }

    /** The next response body of {@code file} stops after {@code bytes} bytes and the connection closes. */
    TestingHubServer cutOnceAfter(String repo, String file, long bytes) {
        behaviour(repo, file).cutAfter = bytes;
        return this;
    }

    /** The next response body of {@code file} sends {@code bytes} bytes, then nothing, keeping the connection open. */
    TestingHubServer stallOnceAfter(String repo, String file, long bytes) {
        behaviour(repo, file).stallAfter = bytes;
        return this;
    }

    /** Answers every range request of {@code file} with the whole file and 200, as some servers do. */
    TestingHubServer ignoreRange(String repo, String file) {
        behaviour(repo, file).ignoreRange = true;
        return this;
    }

    /** Serves {@code bytes} for {@code file} while still announcing the right sha256. */
    TestingHubServer serveWrongBytes(String repo, String file, byte[] bytes) {
        behaviour(repo, file).wrongBytes = bytes.clone();
        return this;
    }

    /** Answers 401 unless the request carries {@code Authorization: Bearer token}. */
    TestingHubServer requireToken(String repo, String file, String token) {
        behaviour(repo, file).token = token;
        return this;
    }

    /** Every request so far, in arrival order. */
    List<Request> requests() {
        return List.copyOf(requests);
    }

    /** The requests for the CDN path, where the bytes are served. */
    List<Request> cdnRequests() {
        return requests().stream().filter(r -> r.path().startsWith("/cdn/")).toList();
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private Behaviour behaviour(String repo, String file) {
        Behaviour b = behaviours.get(key(repo, "main", file));
        if (b == null) {
            throw new IllegalStateException("serve " + repo + "/" + file + " first");
        }
        return b;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            Map<String, List<String>> headers = new TreeMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
            requests.add(new Request(exchange.getRequestMethod(), path, headers));
            Matcher resolve = RESOLVE.matcher(path);
            if (resolve.matches()) {
                resolve(exchange, key(resolve.group(1), resolve.group(2), resolve.group(3)));
            } else if (path.startsWith("/cdn/") && cdn.containsKey(path.substring(5))) {
                serveBytes(exchange, cdn.get(path.substring(5)));
            } else {
                exchange.sendResponseHeaders(404, -1);
            }
        }
    }

    private void resolve(HttpExchange exchange, String key) throws IOException {
        byte[] content = files.get(key);
        if (content == null) {
            exchange.getResponseHeaders().add("X-Error-Code", "EntryNotFound");
            exchange.sendResponseHeaders(404, -1);
            return;
        }
        Behaviour b = behaviours.get(key);
        if (b.token != null && !("Bearer " + b.token).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            exchange.getResponseHeaders().add("X-Error-Code", "GatedRepo");
            exchange.sendResponseHeaders(401, -1);
            return;
        }
        String sha = sha256(content);
        exchange.getResponseHeaders().add("X-Linked-Etag", "\"" + sha + "\"");
        exchange.getResponseHeaders().add("X-Linked-Size", Long.toString(content.length));
        exchange.getResponseHeaders().add("ETag", "W/\"0123456789abcdef0123456789abcdef01234567\"");
        // Another origin, as huggingface.co's CDN is: the client must keep Range and drop Authorization.
        exchange.getResponseHeaders().add("Location",
                "http://localhost:" + server.getAddress().getPort() + "/cdn/" + sha);
        exchange.sendResponseHeaders(302, -1);
    }

    private void serveBytes(HttpExchange exchange, String key) throws IOException {
        Behaviour b = behaviours.get(key);
        byte[] content = b.wrongBytes != null ? b.wrongBytes : files.get(key);
        exchange.getResponseHeaders().add("ETag", "\"" + sha256(files.get(key)) + "\"");
        exchange.getResponseHeaders().add("Accept-Ranges", "bytes");
        String range = exchange.getRequestHeaders().getFirst("Range");
        Matcher m = range == null ? null : RANGE.matcher(range);
        int start = 0;
        if (m != null && m.matches() && !b.ignoreRange) {
            start = Integer.parseInt(m.group(1));
            if (start >= content.length) {
                exchange.getResponseHeaders().add("Content-Range", "bytes */" + content.length);
                exchange.sendResponseHeaders(416, -1);
                return;
            }
            exchange.getResponseHeaders().add("Content-Range",
                    "bytes " + start + "-" + (content.length - 1) + "/" + content.length);
            exchange.sendResponseHeaders(206, content.length - start);
        } else {
            exchange.sendResponseHeaders(200, content.length);
        }
        OutputStream body = exchange.getResponseBody();
        long stall = b.stallAfter;
        if (stall >= 0) {
            b.stallAfter = -1;
            body.write(content, start, (int) Math.min(stall, content.length - start));
            body.flush();
            try {
                Thread.sleep(java.time.Duration.ofMinutes(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return;
        }
        long cut = b.cutAfter;
        if (cut >= 0) {
            b.cutAfter = -1;
            body.write(content, start, (int) Math.min(cut, content.length - start));
            body.flush();
            // Closing the exchange with bytes missing makes the server drop the connection.
            return;
        }
        body.write(content, start, content.length - start);
    }

    private static String key(String repo, String revision, String file) {
        return repo + "@" + revision + ":" + file;
    }
}
