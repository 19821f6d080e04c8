// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.cli.telemetry;

import dev.ayo4j.api.EngineFiles;
import dev.ayo4j.observability.files.Limits;
import dev.ayo4j.observability.files.TraceFiles;
import dev.ayo4j.telemetry.MetricsServer;
import dev.ayo4j.telemetry.Snapshot;
import dev.ayo4j.telemetry.TelemetryAgent;
import dev.ayo4j.telemetry.TelemetryLine;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ayo4j telemetry}: the hardware telemetry agent. Prints a line of CPU, memory, network (and GPU)
 * figures every interval, serves every series as Prometheus text on {@code --port}, and writes samples to
 * {@code --out}, until interrupted or {@code --count} rounds.
 */
@Command(name = "telemetry", mixinStandardHelpOptions = true,
        description = "Sample this machine's CPU, memory, network and GPUs (and engines' /metrics); print, serve, write.")
public final class TelemetryCommand implements Callable<Integer> {
    @Option(names = "--interval", defaultValue = "1s", converter = IntervalConverter.class,
            description = "Time between samples: 100ms, 1s, 2m.")
    Duration interval;

    @Option(names = "--port", description = "Serve GET /metrics (Prometheus text) on this port; 0 picks a free one.")
    @Nullable Integer port;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to serve on.")
    String host;

    @Option(names = "--out", description = "Write samples as Parquet files (samples-*.parquet) to this folder.")
    @Nullable Path out;

    @Option(names = "--scrape", split = ",", paramLabel = "URL",
            description = "Engines' /metrics to scrape and re-export (vLLM, SGLang, llama.cpp server, TEI).")
    List<URI> scrape = List.of();

    @Option(names = "--engines", paramLabel = "FILE",
            description = "Engine file (YAML, as run and serve read it): each remote engine's /metrics is scraped "
                    + "too (its metrics field, else /metrics of its baseUrl for providers openai and tei).")
    @Nullable Path engines;

    @Option(names = "--no-gpu", description = "Do not look for NVIDIA GPUs (NVML).")
    boolean noGpu;

    @Option(names = "--count", defaultValue = "0", description = "Stop after this many printed lines; 0: until interrupted.")
    int count;

    @Override
    public Integer call() throws InterruptedException {
        PrintStream stdout = System.out;
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Map<String, URI> fromFile = engines == null ? Map.of() : EngineFiles.metricsUrls(engines);
        Set<URI> targets = new LinkedHashSet<>(scrape);
        targets.addAll(fromFile.values());
        TelemetryAgent.Options options = TelemetryAgent.Options.DEFAULT.withInterval(interval)
                .withScrape(List.copyOf(targets)).withGpu(!noGpu);
        CountDownLatch stop = new CountDownLatch(1);
        CountDownLatch closed = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stop.countDown();
            try {
                closed.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Runtime.getRuntime().addShutdownHook(hook);
        TraceFiles files = out == null ? null : TraceFiles.open(out, Limits.DEFAULT);
        try (TelemetryAgent agent = TelemetryAgent.start(registry, options);
             MetricsServer server = port == null ? null
                     : MetricsServer.start(new InetSocketAddress(host, port), registry::scrape)) {
            for (String problem : agent.problems()) {
                System.err.println("ayo4j telemetry: " + problem);
            }
            fromFile.forEach((engine, url) -> stdout.println("scraping engine " + engine + " at " + url));
            if (server != null) {
                stdout.println("serving Prometheus text on " + server.uri());
            }
            if (files != null) {
                agent.writeTo(files);
                stdout.println("writing samples to " + files.directory());
            }
            AtomicReference<Snapshot> previous = new AtomicReference<>(agent.latest());
            AtomicInteger printed = new AtomicInteger();
            AtomicInteger problems = new AtomicInteger(agent.problems().size());
            agent.listener(s -> {
                List<String> now = agent.problems();
                for (int i = problems.getAndSet(now.size()); i < now.size(); i++) {
                    System.err.println("ayo4j telemetry: " + now.get(i));
                }
                stdout.println(TelemetryLine.format(previous.getAndSet(s), s));
                if (count > 0 && printed.incrementAndGet() >= count) {
                    stop.countDown();
                }
            });
            stop.await();
        } finally {
            if (files != null) {
                files.close();
            }
            closed.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // The hook is running: it is waiting for this.
            }
        }
        return 0;
    }
}
