// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.telemetry;

import dev.ayo4j.Checks;
import dev.ayo4j.Closing;
import dev.ayo4j.observability.files.SampleRow;
import dev.ayo4j.observability.files.TraceFiles;
import dev.ayo4j.spi.Ticker;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The telemetry agent: samples its collectors every interval on one background thread, keeps the latest
 * value of every series as a meter of a {@link MeterRegistry}, and hands each round to its listeners (the
 * command line's printer, a {@link TraceFiles} writer). The same agent runs standalone ({@code ayo4j
 * telemetry}) and inside a server:
 *
 * {@snippet :
 * PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
 * try (TelemetryAgent agent = TelemetryAgent.start(registry, TelemetryAgent.Options.DEFAULT)) {
 *     // registry.scrape() now holds node_*, process_*, container_* and, with a GPU, DCGM_FI_* series
 * }
 * }
 *
 * <p>Non-intrusive: it only reads counters the kernel, the driver and the engines keep. A collector that
 * cannot read (no NVIDIA driver, an engine down) is reported once through the log and {@link #problems()},
 * and the others go on. Thread-safe.
 */
public final class TelemetryAgent implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(TelemetryAgent.class.getName());

    /**
     * What the agent samples.
     *
     * @param interval   time between rounds
     * @param scrape     engines' {@code /metrics} URLs to scrape and re-export
     * @param gpu        whether to look for NVML
     * @param proc       the {@code /proc} root
     * @param cgroupRoot the cgroup mount root
     */
    public record Options(Duration interval, List<URI> scrape, boolean gpu, Path proc, Path cgroupRoot) {
        /** Every second, this machine, GPUs if NVML is there, no engines. */
        public static final Options DEFAULT = new Options(Duration.ofSeconds(1), List.of(), true, Path.of("/proc"),
                Path.of("/sys/fs/cgroup"));

        public Options {
            Checks.argument(interval.compareTo(Duration.ofMillis(10)) >= 0, "interval must be at least 10 ms: %s",
                    interval);
            scrape = List.copyOf(scrape);
        }

        public Options withInterval(Duration d) {
            return new Options(d, scrape, gpu, proc, cgroupRoot);
        }

        public Options withScrape(List<URI> urls) {
            return new Options(interval, urls, gpu, proc, cgroupRoot);
        }

        public Options withGpu(boolean on) {
            return new Options(interval, scrape, on, proc, cgroupRoot);
        }
    }

    private final List<Collector> collectors;
    private final Ticker ticker;
    private final SampleMeters meters;
    private final List<Consumer<Snapshot>> listeners = new CopyOnWriteArrayList<>();
    private final Set<String> reported = ConcurrentHashMap.newKeySet();
    private final List<String> problems = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService thread;
    private final HttpClient http;
    private volatile Snapshot latest;

    private TelemetryAgent(MeterRegistry registry, List<Collector> collectors, Duration interval, Ticker ticker,
                           HttpClient http) {
        this.collectors = List.copyOf(collectors);
        this.ticker = ticker;
        this.http = http;
        this.meters = new SampleMeters(registry);
        this.thread = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("ayo4j-telemetry").factory());
        sample();
        thread.scheduleAtFixedRate(this::sampleQuietly, interval.toNanos(), interval.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Starts sampling this machine as {@code options} says, into {@code registry}; the first round is taken now. */
    public static TelemetryAgent start(MeterRegistry registry, Options options) {
        Ticker ticker = Ticker.systemTicker();
        HttpClient http = HttpClient.newBuilder().connectTimeout(EngineScraper.TIMEOUT).build();
        List<Collector> c = new ArrayList<>();
        c.add(new ProcCollector(options.proc()));
        c.add(new ProcessCollector(options.proc(), "self"));
        c.add(new CgroupCollector(options.proc(), "self", options.cgroupRoot()));
        if (options.gpu()) {
            c.add(new NvmlCollector(ticker));
        }
        for (URI u : options.scrape()) {
            c.add(new EngineScraper(u, http));
        }
        return start(registry, c, options.interval(), ticker, http);
    }

    /** Starts sampling the given collectors (which it closes when it closes). */
    public static TelemetryAgent start(MeterRegistry registry, List<Collector> collectors, Duration interval,
                                       Ticker ticker) {
        return start(registry, collectors, interval, ticker, null);
    }

    private static TelemetryAgent start(MeterRegistry registry, List<Collector> collectors, Duration interval,
                                        Ticker ticker, HttpClient http) {
        return new TelemetryAgent(Objects.requireNonNull(registry, "registry"), collectors, interval,
                Objects.requireNonNull(ticker, "ticker"), http);
    }

    /** Hands every later round to {@code listener}, on the agent's thread; it must return quickly. */
    public TelemetryAgent listener(Consumer<Snapshot> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
        return this;
    }

    /** Writes every later round's samples to {@code files}, labelled with this machine's host name. */
    public TelemetryAgent writeTo(TraceFiles files) {
        String host = hostName();
        return listener(s -> {
            List<SampleRow> rows = new ArrayList<>();
            s.bySource().forEach((source, samples) -> samples.forEach(x -> rows.add(
                    new SampleRow(s.at(), host, source, x.metric(), x.labelsText(), x.value()))));
            files.add(rows);
        });
    }

    /** The latest round. */
    public Snapshot latest() {
        return latest;
    }

    /** One line per collector that could not read, each reported once. */
    public List<String> problems() {
        return List.copyOf(problems);
    }

    private void sampleQuietly() {
        try {
            sample();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "telemetry round failed", e);
        }
    }

    private void sample() {
        Instant at = Instant.now();
        long now = ticker.read();
        Map<String, List<Sample>> bySource = new LinkedHashMap<>();
        for (Collector c : collectors) {
            List<Sample> samples = c.collect();
            bySource.computeIfAbsent(c.source(), _ -> new ArrayList<>()).addAll(samples);
            String status = c.status();
            if (status != null && reported.add(status)) {
                problems.add(status);
                LOG.log(System.Logger.Level.INFO, status);
            }
        }
        Snapshot s = new Snapshot(at, now, bySource);
        meters.update(s.all());
        latest = s;
        for (Consumer<Snapshot> l : listeners) {
            try {
                l.accept(s);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "telemetry listener failed", e);
            }
        }
    }

    /** This machine's name, from the kernel. */
    static String hostName() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
        } catch (IOException e) {
            String env = System.getenv("HOSTNAME");
            return env != null ? env : "localhost";
        }
    }

    /** Stops sampling and closes the collectors. */
    @Override
    public void close() {
        Closing.shutdownAndAwait(thread, Duration.ofSeconds(10));
        collectors.forEach(Collector::close);
        if (http != null) {
            http.close();
        }
    }
}
