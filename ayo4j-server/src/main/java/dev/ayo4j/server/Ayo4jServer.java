// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.server;

import dev.ayo4j.Checks;
import dev.ayo4j.encoders.server.ApiKeys;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http1.Http1Config;
import io.helidon.webserver.staticcontent.ClasspathHandlerConfig;
import io.helidon.webserver.staticcontent.StaticContentFeature;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import dev.ayo4j.telemetry.TelemetryAgent;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;

/**
 * The ayo4j HTTP server: an {@link AppService}'s apps behind OpenAI's chat API and ayo4j's own run,
 * trace and collection API, its encoders behind OpenAI's and TEI's embedding APIs, {@code /health},
 * {@code /ready}, {@code /openapi.json} and, when given a scrape function, {@code /metrics}; on Helidon SE
 * 4 with a virtual thread per request.
 *
 * {@snippet :
 * try (Ayo4jServer server = Ayo4jServer.builder().service(() -> openEngines()).port(8080).build().start()) {
 *     server.awaitShutdown();
 * }
 * }
 *
 * <p><b>Safety.</b> With API keys every route but the health, readiness and OpenAPI routes needs {@code
 * Authorization: Bearer KEY}; without keys {@link Builder#build()} refuses a non-loopback address unless
 * {@link Builder#insecure(boolean)}. {@link Limits} bound bodies, questions, uploads, concurrent runs
 * (429 with {@code Retry-After} beyond, never a queue) and each run's time. Errors are OpenAI-style JSON
 * bodies mapped in one place ({@code Errors}); internal messages stay in the log.
 *
 * <p><b>Lifecycle.</b> The service opens on a background thread at {@link #start()}, so the server is
 * live at once and ready ({@code /ready} 200) once the engines are loaded; until then app routes answer
 * 503. {@link #close()} stops admitting runs, lets in-flight runs finish within the grace period, cancels
 * the rest, stops listening and closes the service (engines and vector store). The paths not listed in
 * {@code /openapi.json} are reserved for the web console's static files at {@code /}.
 */
public final class Ayo4jServer implements AutoCloseable {
    /** How long {@link #close()} lets in-flight runs finish: 10 seconds. */
    public static final Duration DEFAULT_GRACE = Duration.ofSeconds(10);
    private static final System.Logger LOG = System.getLogger(Ayo4jServer.class.getName());
    /** Timer of {@link Builder#httpMetrics}: Micrometer's name, {@code http_server_requests_seconds} in Prometheus. */
    public static final String HTTP_REQUESTS = "http.server.requests";
    private static final Set<String> PUBLIC = Set.of("/health", "/ready", "/openapi.json");
    /** Where the web console's files lie on the classpath (module ayo4j-console). */
    private static final String CONSOLE = "dev/ayo4j/console";

    private final Builder config;
    private final AtomicReference<@Nullable AppService> service = new AtomicReference<>();
    private final AtomicReference<@Nullable String> failure = new AtomicReference<>();
    private final RunGate gate;
    private final Runs runs;
    private final List<Route> routes;
    private @Nullable WebServer server;
    private volatile boolean closed;

    private Ayo4jServer(Builder b) {
        this.config = b;
        this.gate = new RunGate(b.limits.maxConcurrentRuns());
        RunStats stats = new RunStats(dev.ayo4j.spi.Ticker.systemTicker());
        this.runs = new Runs(this::service, gate, new RunStore(b.runStoreCapacity), b.limits, stats);
        List<Route> all = new ArrayList<>();
        all.add(Route.get("/health", (req, res) -> Http.send(res, 200, Json.object().put("status", "ok"))));
        all.add(Route.get("/ready", this::ready));
        all.add(Route.get("/openapi.json", Ayo4jServer::openApi));
        if (b.metrics != null) {
            Supplier<String> scrape = b.metrics;
            all.add(Route.get("/metrics", (req, res) -> {
                res.header(HeaderNames.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8");
                res.send(scrape.get().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }));
        }
        all.addAll(new OpenAiRoutes(runs).routes());
        all.addAll(new AppRoutes(runs).routes());
        all.addAll(new CollectionRoutes(runs, gate).routes());
        all.addAll(new EncoderRoutes(runs).routes());
        all.addAll(new OperationsRoutes(runs, stats, b.telemetry == null ? null : new HostLoad(b.telemetry),
                new Reports(b.reports)).routes());
        this.routes = List.copyOf(all);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Starts listening and opens the service in the background; returns at once. */
    public Ayo4jServer start() {
        HttpRouting.Builder routing = HttpRouting.builder();
        routing.addFilter((chain, req, res) -> {
            if (config.keys.enabled() && !isPublic(req.path().path())
                    && !config.keys.allows(req.headers().first(HeaderNames.AUTHORIZATION).orElse(null))) {
                res.header(HeaderNames.WWW_AUTHENTICATE, "Bearer");
                Http.send(res, 401, Errors.body(ApiException.unauthorized(
                        "a valid API key is required: send Authorization: Bearer <key>")));
                return;
            }
            chain.proceed();
        });
        for (Route r : routes) {
            routing.route(r.method(), r.path(), config.httpMetrics == null ? r.handler() : timed(r, config.httpMetrics));
        }
        // The web console's static files and the libraries it loads, from the classpath; a path with no
        // file falls through to the not-found answer below.
        routing.register("/webjars", StaticContentFeature.createService(ClasspathHandlerConfig.builder()
                .location("META-INF/resources/webjars").build()));
        routing.register("/", StaticContentFeature.createService(ClasspathHandlerConfig.builder()
                .location(CONSOLE).welcome("index.html").build()));
        routing.any(this::unrouted);
        routing.error(Throwable.class, Errors::handle);
        // TCP_NODELAY: a stream writes one small chunk per token; with Nagle's algorithm each chunk after the
        // first waits for the client's delayed ACK (about 40 ms on Linux).
        server = WebServer.builder().host(config.host).port(config.port).shutdownGracePeriod(Duration.ofMillis(500))
                .connectionOptions(o -> o.tcpNoDelay(true))
                .maxPayloadSize(Math.max(config.limits.maxBodyBytes(), config.limits.maxUploadBytes()) + 1L)
                .addProtocol(Http1Config.builder().addReceiveListener(new ClientWatch()).build())
                .routing(routing).build().start();
        Thread.ofVirtual().name("ayo4j-open-service").start(this::openService);
        LOG.log(System.Logger.Level.INFO, "ayo4j server on {0} ({1}), {2}", uri(),
                config.keys.enabled() ? "API keys required" : "no API keys", config.limits);
        return this;
    }

    /**
     * {@code r}'s handler, timed into {@code http.server.requests} by method, route template and status (the
     * template, never the path, so a run id is no label), from the request's first line received to the end
     * of the handler, when the response is written (a stream's last event; only its closing chunk follows):
     * the server's own time per request.
     */
    private static io.helidon.webserver.http.Handler timed(Route r, MeterRegistry registry) {
        return (req, res) -> {
            long start = RequestClock.received(System.nanoTime());
            int status = 500;
            try {
                r.handler().handle(req, res);
                status = res.status().code();
            } catch (ApiException e) {
                status = e.status();
                throw e;
            } finally {
                Timer.builder(HTTP_REQUESTS).description("HTTP requests by route and status")
                        .tags("method", r.method().text(), "uri", r.path(), "status", Integer.toString(status))
                        .register(registry).record(RequestClock.responded(System.nanoTime()) - start,
                                java.util.concurrent.TimeUnit.NANOSECONDS);
            }
        };
    }

    private void openService() {
        try {
            AppService s = Objects.requireNonNull(config.opener.get(), "the service opener returned null");
            if (closed) {
                s.close();
                return;
            }
            service.set(s);
            LOG.log(System.Logger.Level.INFO, "ayo4j server ready: apps {0}", s.apps().stream()
                    .map(AppService.AppInfo::name).toList());
        } catch (RuntimeException | Error e) {
            failure.set(e.getClass().getSimpleName());
            LOG.log(System.Logger.Level.ERROR, "the engines failed to open; the server stays unready", e);
        }
    }

    /**
     * Whether {@code path} is served without a key: health, readiness, the OpenAPI document, and the web
     * console's static files (which hold no data; the console asks for the key before it calls the API).
     */
    private static boolean isPublic(String path) {
        return PUBLIC.contains(path) || path.equals("/") || path.startsWith("/webjars/")
                || path.startsWith("/console/") || path.equals("/index.html");
    }

    AppService service() {
        AppService s = service.get();
        if (s == null) {
            throw ApiException.unavailable(failure.get() != null ? "the engines failed to load; see the server log"
                    : "the engines are still loading; retry shortly", failure.get() != null ? 0 : 2);
        }
        return s;
    }

    /** Whether the engines are loaded and the server is not stopping. */
    public boolean isReady() {
        return service.get() != null && !gate.draining();
    }

    private void ready(ServerRequest req, ServerResponse res) {
        String status = gate.draining() ? "stopping" : service.get() != null ? "ready"
                : failure.get() != null ? "failed" : "loading";
        Http.send(res, status.equals("ready") ? 200 : 503, Json.object().put("status", status));
    }

    private static void openApi(ServerRequest req, ServerResponse res) {
        try (InputStream in = Ayo4jServer.class.getResourceAsStream("openapi.json")) {
            if (in == null) {
                throw new IllegalStateException("openapi.json is missing from the server's resources");
            }
            res.header(HeaderValues.CONTENT_TYPE_JSON);
            res.send(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void unrouted(ServerRequest req, ServerResponse res) {
        String path = req.path().path();
        List<String> allowed = routes.stream().filter(r -> r.matches(path)).map(r -> r.method().text()).toList();
        if (!allowed.isEmpty()) {
            res.header(HeaderNames.ALLOW, String.join(", ", allowed));
            throw ApiException.methodNotAllowed(req.prologue().method().text() + " is not served on " + path
                    + "; use " + String.join(" or ", allowed));
        }
        res.status(Status.NOT_FOUND_404);
        throw ApiException.notFound("not_found", null, "no route " + Names.abbreviate(path)
                + "; the routes are listed at /openapi.json");
    }

    /** Runs and uploads admitted and not yet finished. */
    int activeRuns() {
        return gate.active();
    }

    /** The routes served, in registration order (for the OpenAPI check). */
    List<Route> routes() {
        return routes;
    }

    /** The bound port. */
    public int port() {
        return Objects.requireNonNull(server, "not started").port();
    }

    /** {@code http://host:port}. */
    public URI uri() {
        return URI.create("http://" + (config.host.contains(":") ? "[" + config.host + "]" : config.host) + ":" + port());
    }

    /** Blocks until the JVM is asked to stop (SIGINT, SIGTERM), then closes gracefully. */
    public void awaitShutdown() throws InterruptedException {
        java.util.concurrent.CountDownLatch stop = new java.util.concurrent.CountDownLatch(1);
        Thread hook = new Thread(() -> {
            close();
            stop.countDown();
        }, "ayo4j-server-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        stop.await();
    }

    /**
     * Stops admitting runs (503), waits up to the grace period for in-flight runs, cancels the rest,
     * stops listening, closes the service, then what {@link Builder#closeAfter} was given. Idempotent.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        gate.drain();
        long until = System.nanoTime() + config.grace.toNanos();
        while (gate.active() > 0 && System.nanoTime() < until) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        List<AppService.RunHandle> left = runs.store().running();
        left.forEach(AppService.RunHandle::cancel);
        if (!left.isEmpty()) {
            LOG.log(System.Logger.Level.WARNING, "cancelled {0} run(s) still going after the grace period", left.size());
        }
        if (server != null) {
            server.stop();
        }
        AppService s = service.getAndSet(null);
        if (s != null) {
            s.close();
        }
        for (AutoCloseable r : config.closing.reversed()) {
            try {
                r.close();
            } catch (Exception e) {
                LOG.log(System.Logger.Level.WARNING, "closing " + r + " failed: " + e.getMessage(), e);
            }
        }
        LOG.log(System.Logger.Level.INFO, "ayo4j server stopped");
    }

    /** Builder of an {@link Ayo4jServer}; {@link #build()} checks that the address is safe to listen on. */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int port = 8080;
        private Limits limits = Limits.DEFAULT;
        private ApiKeys keys = ApiKeys.none();
        private boolean insecure;
        private @Nullable Supplier<AppService> opener;
        private @Nullable Supplier<String> metrics;
        private Duration grace = DEFAULT_GRACE;
        private int runStoreCapacity = RunStore.DEFAULT_CAPACITY;
        private final List<AutoCloseable> closing = new ArrayList<>();
        private @Nullable MeterRegistry httpMetrics;
        private @Nullable TelemetryAgent telemetry;
        private @Nullable Path reports;

        private Builder() {}

        /** Address to bind (default {@code 127.0.0.1}). */
        public Builder host(String h) {
            this.host = Objects.requireNonNull(h, "host");
            return this;
        }

        /** Port; 0 picks a free one (default 8080). */
        public Builder port(int p) {
            Checks.argument(p >= 0 && p <= 65535, "port must be 0-65535: %s", p);
            this.port = p;
            return this;
        }

        /** Limits (default {@link Limits#DEFAULT}). */
        public Builder limits(Limits l) {
            this.limits = Objects.requireNonNull(l, "limits");
            return this;
        }

        /** API keys (default none: only a loopback address is allowed). */
        public Builder apiKeys(ApiKeys k) {
            this.keys = Objects.requireNonNull(k, "keys");
            return this;
        }

        /** Allow a non-loopback address without API keys. */
        public Builder insecure(boolean value) {
            this.insecure = value;
            return this;
        }

        /** How the service is opened: called once, on a background thread, when the server starts. */
        public Builder service(Supplier<AppService> open) {
            this.opener = Objects.requireNonNull(open, "open");
            return this;
        }

        /**
         * Serves {@code GET /metrics} with what {@code scrape} returns (Prometheus text format); without
         * it the route is absent.
         */
        public Builder metrics(Supplier<String> scrape) {
            this.metrics = Objects.requireNonNull(scrape, "scrape");
            return this;
        }

        /**
         * The telemetry agent sampling this host, whose last two rounds {@code GET /v1/stats} reports as the
         * host's CPU and memory (default: none, and {@code host} is null there). The caller closes it.
         */
        public Builder telemetry(TelemetryAgent agent) {
            this.telemetry = Objects.requireNonNull(agent, "agent");
            return this;
        }

        /**
         * The folder of analytics reports (the HTML files {@code ayo4j analyze} writes) that {@code GET
         * /v1/reports} lists and {@code /v1/reports/{name}} serves (default: none, an empty list).
         */
        public Builder reports(Path dir) {
            this.reports = Objects.requireNonNull(dir, "dir");
            return this;
        }

        /** Times every request into {@code registry} as {@link #HTTP_REQUESTS} (default: not timed). */
        public Builder httpMetrics(MeterRegistry registry) {
            this.httpMetrics = Objects.requireNonNull(registry, "registry");
            return this;
        }

        /**
         * Closes {@code resource} when the server closes, after the service (the last given first): what the
         * service's runs write to (metrics, trace files) and must outlive them, also when the JVM stops on a
         * signal.
         */
        public Builder closeAfter(AutoCloseable resource) {
            closing.add(Objects.requireNonNull(resource, "resource"));
            return this;
        }

        /** How long {@link Ayo4jServer#close()} lets in-flight runs finish (default {@link #DEFAULT_GRACE}). */
        public Builder grace(Duration g) {
            Checks.argument(!g.isNegative(), "grace must not be negative: %s", g);
            this.grace = g;
            return this;
        }

        /** Recent runs kept for {@code GET /v1/runs/{id}} (default 1,000). */
        public Builder runStoreCapacity(int n) {
            Checks.argument(n > 0, "runStoreCapacity must be > 0: %s", n);
            this.runStoreCapacity = n;
            return this;
        }

        /**
         * The server, not yet started.
         *
         * @throws IllegalStateException no service, or a non-loopback address without API keys and without
         *                               {@link #insecure}
         */
        public Ayo4jServer build() {
            Checks.state(opener != null, "a service is required: call service(...)");
            if (!keys.enabled() && !insecure && !loopback(host)) {
                throw new IllegalStateException("refusing to listen on " + host + " without API keys: give keys "
                        + "(a key file or " + ApiKeys.ENV + "), listen on 127.0.0.1, or pass --insecure");
            }
            return new Ayo4jServer(this);
        }

        private static boolean loopback(String host) {
            try {
                return InetAddress.getByName(host).isLoopbackAddress();
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("unknown host " + host, e);
            }
        }
    }
}
