// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.cli;

import dev.ayo4j.Closing;
import dev.ayo4j.api.Ayo4j;
import dev.ayo4j.api.EngineFiles;
import dev.ayo4j.cli.encoder.ServeEncoderCommand;
import dev.ayo4j.local.Document;
import dev.ayo4j.encoders.server.ApiKeys;
import dev.ayo4j.observability.Observability;
import dev.ayo4j.observability.files.Limits;
import dev.ayo4j.observability.files.TraceFiles;
import dev.ayo4j.server.AppService;
import dev.ayo4j.server.AppServices;
import dev.ayo4j.server.Ayo4jServer;
import dev.ayo4j.server.ServerConfig;
import dev.ayo4j.telemetry.TelemetryAgent;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ayo4j serve}: the apps as an HTTP service (OpenAI-compatible chat and embeddings, TEI's encoder
 * API, ayo4j's run, trace and collection API) until interrupted. With no file it serves the built-in apps
 * on the embedded engines and the bundled guide as collection {@code guide}. {@code serve encoder} serves
 * one encoder alone.
 */
@Command(name = "serve", mixinStandardHelpOptions = true, subcommands = {ServeEncoderCommand.class},
        description = "Serve the apps over HTTP: OpenAI's /v1/chat/completions and /v1/embeddings, TEI's /embed "
                + "and /rerank, and ayo4j's /v1/apps, /v1/runs and /v1/collections, until interrupted.")
final class ServeCommand implements Callable<Integer> {
    @Mixin
    StackOptions stackOptions;

    @Option(names = "--config", description = "Server file (YAML): host, port, engines, apps, collection, apiKeys, "
            + "limits.")
    Path config;

    @Option(names = "--host", description = "Address to bind (default 127.0.0.1).")
    String host;

    @Option(names = "--port", description = "Port; 0 picks a free one (default 8080).")
    Integer port;

    @Mixin
    EngineChoice engines;

    @Option(names = "--api-keys", description = "File of API keys, one a line; without it, the keys in " + ApiKeys.ENV + ".")
    Path apiKeys;

    @Option(names = "--insecure", description = "Allow a non-loopback address without API keys.")
    boolean insecure;

    @Option(names = "--traces", paramLabel = "DIR", description = "Write every run's trace rows (Parquet) to DIR, "
            + "for `ayo4j analyze runs DIR`.")
    Path traces;

    @Option(names = "--reports", paramLabel = "DIR", description = "List and serve the HTML reports in DIR (as "
            + "`ayo4j analyze runs DIR` writes them) at /v1/reports, linked from the console (default: none).")
    Path reports;

    @Override
    public Integer call() throws InterruptedException {
        ServerConfig file = config == null ? ServerConfig.DEFAULT : ServerConfig.load(config);
        ApiKeys keys = ApiKeys.load(apiKeys != null ? apiKeys : file.apiKeys(), System.getenv());
        Path engineFile = file.engines();
        String collection = file.effectiveCollection();
        // metrics, host telemetry and trace files outlive the engines: the server closes them after its service
        Observability obs = Observability.prometheus();
        List<AutoCloseable> observers = new ArrayList<>(List.of(obs));
        Ayo4jServer server;
        try {
            // Remote engines' own /metrics join the host's figures (engine file: metrics field or baseUrl's /metrics).
            Map<String, URI> scraped = engines.given() ? engines.metricsUrls()
                    : engineFile != null ? EngineFiles.metricsUrls(engineFile) : Map.of();
            TelemetryAgent telemetry = TelemetryAgent.start(obs.registry(),
                    TelemetryAgent.Options.DEFAULT.withScrape(List.copyOf(scraped.values())));
            observers.add(telemetry);
            TraceFiles traceFiles = traces == null ? null : TraceFiles.open(traces, Limits.DEFAULT);
            if (traceFiles != null) {
                observers.add(traceFiles);
            }
            Ayo4jServer.Builder b = Ayo4jServer.builder()
                    .host(host != null ? host : file.host() != null ? file.host() : "127.0.0.1")
                    .port(port != null ? port : file.port() != null ? file.port() : 8080)
                    .apiKeys(keys).insecure(insecure || file.insecure()).limits(file.effectiveLimits())
                    .metrics(obs::scrape).httpMetrics(obs.registry()).telemetry(telemetry)
                    .service(() -> open(engineFile, file.apps(), collection, obs, traceFiles));
            if (reports != null) {
                b.reports(reports);
            }
            observers.forEach(b::closeAfter);
            server = b.build().start();
        } catch (RuntimeException e) {
            throw Closing.closeAll(e, observers.reversed());
        }
        System.out.printf("ayo4j serving on %s (%s); loading the engines, /ready answers 200 once they are up; "
                + "the console at /, metrics at /metrics%s%n", server.uri(),
                keys.enabled() ? "API keys required" : "no API keys", traces == null ? "" : ", run traces to " + traces);
        server.awaitShutdown();
        return 0;
    }

    private AppService open(Path engineFile, List<Path> apps, String collection, Observability obs,
                            TraceFiles traceFiles) {
        Ayo4j.Builder b = engines.given() ? engines.builder() : Ayo4j.builder();
        if (!engines.given() && engineFile != null) {
            b.engines(engineFile);
        } else if (!engines.given()) {
            var model = stackOptions.resolveModel();
            System.out.println("LLM: " + model.description());
            b.embedded(stackOptions.stack(model));
        }
        apps.forEach(b::app);
        AppService service = AppServices.of(b.build(), collection, obs, traceFiles);
        if (collection.equals(ServerConfig.DEFAULT_COLLECTION)
                && service.collections().stream().noneMatch(c -> c.name().equals(collection) && c.passages() > 0)) {
            List<Document> guide = BundledGuide.documents();
            var report = service.ingest(collection, guide.stream()
                    .map(d -> new AppService.Upload(d.name(), d.text())).toList());
            System.out.printf("ingested the bundled guide into collection %s: %d documents, %d passages%n", collection,
                    report.documents(), report.passages());
        }
        System.out.println("ready: apps " + service.apps().stream().map(AppService.AppInfo::name).toList());
        return service;
    }
}
