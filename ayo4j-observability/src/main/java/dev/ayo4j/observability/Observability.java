// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.observability;

import dev.ayo4j.runtime.Ayo4jRuntime;
import dev.ayo4j.runtime.EngineScheduler;
import dev.ayo4j.runtime.RunListener;
import dev.ayo4j.spi.Engine;
import dev.ayo4j.spi.EngineDescription;
import dev.ayo4j.spi.ForwardingEngine;
import dev.ayo4j.spi.PrefillCounter;
import dev.ayo4j.spi.Ticker;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Metrics and traces of ayo4j runs: the one entry point of this module.
 *
 * {@snippet :
 * Observability obs = Observability.prometheus();                  // or Observability.create(yourRegistry)
 * try (Ayo4jRuntime runtime = Ayo4jRuntime.builder().engine(llm).listener(obs.listener("advanced-rag")).build()) {
 *     obs.bind(runtime);                                            // engine queue depth, busy time
 *     runtime.run(graph, inputs, deadline);
 * }
 * String text = obs.scrape();                                      // Prometheus text for GET /metrics
 * }
 *
 * <p>Metrics go to the caller's {@link MeterRegistry}, named after the OpenTelemetry GenAI conventions where
 * one exists ({@link GenAi}) and {@code ayo4j.*} otherwise, with low-cardinality labels only (app, engine,
 * primitive kind, outcome). Spans go to the {@link OpenTelemetry} given, by default {@link
 * #openTelemetryFromEnvironment()}: nothing unless an {@code OTEL_EXPORTER_OTLP_*} variable (or {@code
 * OTEL_TRACES_EXPORTER}) is set, then the SDK's autoconfigured OTLP exporter. With no tracing the listeners
 * make no spans and keep no per-run state for them.
 *
 * <p>Thread-safe. Listeners follow the {@link RunListener} contract: they never block (spans are handed to
 * the SDK's batch processor; metrics are in-memory records).
 */
public final class Observability implements AutoCloseable {
    /** Content type of {@link #scrape()}: the Prometheus text exposition format. */
    public static final String PROMETHEUS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    /** App label of {@link #listener()}. */
    public static final String DEFAULT_APP = "default";
    private static final String SCOPE = "dev.ayo4j";
    /**
     * OTLP protocol unless {@code OTEL_EXPORTER_OTLP_PROTOCOL} says otherwise: spans are sent with the JDK's
     * HTTP client, which speaks OTLP over HTTP, not gRPC.
     */
    public static final String OTLP_PROTOCOL = "http/protobuf";

    private final MeterRegistry registry;
    private final OpenTelemetry openTelemetry;
    private final boolean tracing;
    private final Tracer tracer;
    private final Clocks clocks;
    /** What each bound runtime's engines say they serve ({@link Engine#description()}), by engine name. */
    private final Map<String, EngineDescription> engines = new ConcurrentHashMap<>();
    private final Map<String, RunMetrics> metricsByApp = new ConcurrentHashMap<>();
    private final SpanShapes shapes = new SpanShapes(this::describe);

    private Observability(MeterRegistry registry, OpenTelemetry openTelemetry, Ticker ticker) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.openTelemetry = Objects.requireNonNull(openTelemetry, "openTelemetry");
        this.tracing = openTelemetry != OpenTelemetry.noop();
        this.tracer = openTelemetry.getTracer(SCOPE);
        this.clocks = Clocks.of(ticker);
    }

    /** Metrics into a new Prometheus registry (see {@link #scrape()}); traces as the environment says. */
    public static Observability prometheus() {
        return builder().registry(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT)).build();
    }

    /** Metrics into {@code registry}; traces as the environment says. */
    public static Observability create(MeterRegistry registry) {
        return builder().registry(registry).build();
    }

    /** Metrics into {@code registry}, spans to {@code openTelemetry} ({@link OpenTelemetry#noop()}: none). */
    public static Observability create(MeterRegistry registry, OpenTelemetry openTelemetry) {
        return builder().registry(registry).openTelemetry(openTelemetry).build();
    }

    /** A builder; {@link Builder#registry} is required. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The OpenTelemetry that the standard environment asks for: {@link OpenTelemetry#noop()} unless a
     * variable {@code OTEL_EXPORTER_OTLP_*} or {@code OTEL_TRACES_EXPORTER} is set; then an SDK autoconfigured
     * from {@code OTEL_*} variables and {@code otel.*} system properties, exporting traces only (metrics go
     * through Micrometer), with service name {@code ayo4j} and protocol {@link #OTLP_PROTOCOL} unless the
     * variables say otherwise.
     */
    public static OpenTelemetry openTelemetryFromEnvironment() {
        return openTelemetryFrom(System.getenv());
    }

    static OpenTelemetry openTelemetryFrom(Map<String, String> env) {
        boolean asked = env.keySet().stream().anyMatch(k -> k.startsWith("OTEL_EXPORTER_OTLP_")
                || k.equals("OTEL_TRACES_EXPORTER"));
        if (!asked || "true".equalsIgnoreCase(env.getOrDefault("OTEL_SDK_DISABLED", "false"))) {
            return OpenTelemetry.noop();
        }
        return AutoConfiguredOpenTelemetrySdk.builder()
                .addPropertiesSupplier(() -> Map.of("otel.metrics.exporter", "none", "otel.logs.exporter", "none",
                        "otel.service.name", "ayo4j", "otel.exporter.otlp.protocol", OTLP_PROTOCOL))
                .build().getOpenTelemetrySdk();
    }

    /**
     * The caller's trace context from request headers holding a W3C {@code traceparent} (and {@code
     * tracestate}); header names are matched case-insensitively. {@link Context#root()} when there is none or
     * it is malformed.
     */
    public static Context extract(Map<String, String> headers) {
        Map<String, String> lower = new HashMap<>();
        headers.forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), v));
        return W3CTraceContextPropagator.getInstance().extract(Context.root(), lower, new TextMapGetter<>() {
            @Override
            public Iterable<String> keys(Map<String, String> carrier) {
                return carrier.keySet();
            }

            @Override
            public String get(Map<String, String> carrier, String key) {
                return carrier == null ? null : carrier.get(key);
            }
        });
    }

    /** A listener of runs of app {@link #DEFAULT_APP}, traced as roots. */
    public RunListener listener() {
        return listener(DEFAULT_APP, Context.root());
    }

    /** A listener of runs of {@code app}; their spans are children of the context current on this thread. */
    public RunListener listener(String app) {
        return listener(app, Context.current());
    }

    /**
     * A listener of runs of {@code app}: give it to {@code Ayo4jRuntime.Builder.listener} (every run) or to
     * {@code Ayo4jRuntime.submit(..., listener)} (one run, e.g. with the context of its HTTP request from
     * {@link #extract}). Run spans are children of {@code parent}.
     */
    public RunListener listener(String app, Context parent) {
        Objects.requireNonNull(app, "app");
        Objects.requireNonNull(parent, "parent");
        RunListener metrics = metricsByApp.computeIfAbsent(app,
                a -> new RunMetrics(registry, a, this::describe, clocks.ticker()));
        return tracing ? metrics.andThen(new RunTracing(tracer, app, parent, shapes, clocks)) : metrics;
    }

    /**
     * Registers gauges of {@code runtime}'s engine schedulers: {@code ayo4j.engine.queue.depth}, {@code
     * ayo4j.engine.in_flight}, {@code ayo4j.engine.busy} (seconds with a batch executing; its rate is the busy
     * fraction) and {@code ayo4j.engine.busy.fraction} (over the time since the gauge was last read). For an
     * LLM that counts its prompt work ({@link PrefillCounter}, also behind a {@link ForwardingEngine}), the
     * engine's own figures: {@code ayo4j.llm.prompt_cache.tokens} with {@code ayo4j.cache} {@code hit} (prompt
     * tokens found in its prompt cache) or {@code miss} (tokens prefilled), and {@code
     * ayo4j.llm.prompt_cache.unreported} (requests whose cache hits the engine could not see, all counted as
     * misses). From then on, metrics and spans of its engines carry the provider and model each engine
     * describes ({@link Engine#description()}) as {@code gen_ai.provider.name} and {@code gen_ai.request.model};
     * bind before the first run, since both are fixed when an engine's first meter or span is made. Gauges
     * hold the schedulers weakly; bind each runtime once.
     */
    public void bind(Ayo4jRuntime runtime) {
        for (String name : runtime.engineNames()) {
            EngineScheduler s = runtime.scheduler(name);
            engines.put(name, s.engine().description());
            Gauge.builder("ayo4j.engine.queue.depth", s, EngineScheduler::queued).description("tasks queued")
                    .tag("ayo4j.engine", name).register(registry);
            Gauge.builder("ayo4j.engine.in_flight", s, EngineScheduler::inFlight).description("batches executing")
                    .tag("ayo4j.engine", name).register(registry);
            FunctionCounter.builder("ayo4j.engine.busy", s, x -> x.busyNanos() / 1e9).baseUnit("seconds")
                    .description("time with at least one batch executing").tag("ayo4j.engine", name)
                    .register(registry);
            BusyFraction fraction = new BusyFraction(s, clocks.ticker());
            Gauge.builder("ayo4j.engine.busy.fraction", fraction, BusyFraction::read).strongReference(true)
                    .description("share of the time since the last read with a batch executing")
                    .tag("ayo4j.engine", name).register(registry);
            PrefillCounter counter = prefillCounter(s.engine());
            if (counter != null) {
                bindPrefillCounts(name, counter);
            }
        }
    }

    private static final String PROMPT_CACHE_TOKENS =
            "prompt tokens the LLM found in its prompt cache (hit) or prefilled (miss), by its own count";

    private void bindPrefillCounts(String engine, PrefillCounter counter) {
        FunctionCounter.builder("ayo4j.llm.prompt_cache.tokens", counter, c -> c.prefillCounts().cachedTokens())
                .baseUnit("tokens").description(PROMPT_CACHE_TOKENS)
                .tags("ayo4j.engine", engine, "ayo4j.cache", "hit").register(registry);
        FunctionCounter.builder("ayo4j.llm.prompt_cache.tokens", counter, c -> c.prefillCounts().prefilledTokens())
                .baseUnit("tokens").description(PROMPT_CACHE_TOKENS)
                .tags("ayo4j.engine", engine, "ayo4j.cache", "miss").register(registry);
        FunctionCounter.builder("ayo4j.llm.prompt_cache.unreported", counter, c -> c.prefillCounts().unreported())
                .baseUnit("requests").description("requests whose prompt-cache hits the LLM could not tell")
                .tag("ayo4j.engine", engine).register(registry);
    }

    /** {@code engine}, or the first engine it stands in front of, that counts its prompt work; else null. */
    private static @Nullable PrefillCounter prefillCounter(Engine engine) {
        Engine e = engine;
        while (true) {
            if (e instanceof PrefillCounter c) {
                return c;
            }
            if (!(e instanceof ForwardingEngine f)) {
                return null;
            }
            e = f.delegate();
        }
    }

    /** The registry metrics go to. */
    public MeterRegistry registry() {
        return registry;
    }

    /** The OpenTelemetry spans go to. */
    public OpenTelemetry openTelemetry() {
        return openTelemetry;
    }

    /**
     * The registry's metrics in the Prometheus text format ({@link #PROMETHEUS_CONTENT_TYPE}), for {@code GET
     * /metrics}. Throws {@link IllegalStateException} when the registry is neither a Prometheus registry nor a
     * composite holding one.
     */
    public String scrape() {
        return prometheusRegistry().scrape();
    }

    private PrometheusMeterRegistry prometheusRegistry() {
        if (registry instanceof PrometheusMeterRegistry p) {
            return p;
        }
        if (registry instanceof CompositeMeterRegistry c) {
            for (MeterRegistry r : c.getRegistries()) {
                if (r instanceof PrometheusMeterRegistry p) {
                    return p;
                }
            }
        }
        throw new IllegalStateException("scrape() needs a PrometheusMeterRegistry; this registry is a "
                + registry.getClass().getName());
    }

    private EngineDescription describe(String engine) {
        EngineDescription d = engines.get(engine);
        return d != null ? d : EngineDescription.of(engine);
    }

    /** Shuts down an OpenTelemetry SDK this made from the environment (flushing its spans). */
    @Override
    public void close() {
        if (openTelemetry instanceof OpenTelemetrySdk sdk) {
            sdk.shutdown().join(10, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    /** Builder of an {@link Observability}. */
    public static final class Builder {
        private MeterRegistry registry;
        private OpenTelemetry openTelemetry;
        private Ticker ticker = Ticker.systemTicker();

        private Builder() {
        }

        /** Where metrics go (required). */
        public Builder registry(MeterRegistry r) {
            this.registry = Objects.requireNonNull(r, "registry");
            return this;
        }

        /** Where spans go (default: {@link #openTelemetryFromEnvironment()}). */
        public Builder openTelemetry(OpenTelemetry o) {
            this.openTelemetry = Objects.requireNonNull(o, "openTelemetry");
            return this;
        }

        /** The runtime's ticker, to map event times onto the clock (default: the system ticker). */
        public Builder ticker(Ticker t) {
            this.ticker = Objects.requireNonNull(t, "ticker");
            return this;
        }

        public Observability build() {
            dev.ayo4j.Checks.state(registry != null, "a registry is required");
            return new Observability(registry, openTelemetry != null ? openTelemetry : openTelemetryFromEnvironment(),
                    ticker);
        }
    }
}
