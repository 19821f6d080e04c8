// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.server;

import dev.ayo4j.encoders.server.ApiKeys;
import dev.ayo4j.api.Ayo4j;
import dev.ayo4j.engine.llamacpp.gguf.SyntheticModels;
import dev.ayo4j.local.LocalStackOptions;
import dev.ayo4j.observability.Observability;
import dev.ayo4j.telemetry.TelemetryAgent;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A server on the real embedded engines for tests: the bundled encoders, Lucene in a temporary folder and
 * a chain model whose greedy output is a fixed JSON list, so that every answer is known exactly. The
 * collection {@value #COLLECTION} holds three short documents.
 */
final class EmbeddedServer implements AutoCloseable {
    static final String COLLECTION = "guide";
    static final List<String> QUERIES = List.of("lucene vector index", "prompt cache prefill", "streamed list");
    /** What every app answers: the chain model's text. */
    static final String ANSWER = SyntheticModels.jsonList(QUERIES);
    static final String KEY = "test-key-0123456789";

    final Ayo4jServer server;
    /** Spans of the runs served (the server's OpenTelemetry exports to memory). */
    final InMemorySpanExporter spans;
    final Observability observability;
    final TelemetryAgent telemetry;
    /** The reports folder the server lists ({@code serve --reports}). */
    final Path reports;
    final URI uri;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private EmbeddedServer(Ayo4jServer server, Observability observability, InMemorySpanExporter spans,
                           TelemetryAgent telemetry, Path reports) {
        this.server = server;
        this.spans = spans;
        this.observability = observability;
        this.telemetry = telemetry;
        this.reports = reports;
        this.uri = server.uri();
    }

    /** Starts on port 0 with key {@link #KEY}, waits until ready and ingests the three documents. */
    static EmbeddedServer start(Path dir, Limits limits) throws Exception {
        Path model = dir.resolve("chain.gguf");
        SyntheticModels.writeJsonListChain(model, QUERIES);
        InMemorySpanExporter spans = InMemorySpanExporter.create();
        Observability obs = Observability.create(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
                OpenTelemetrySdk.builder().setTracerProvider(SdkTracerProvider.builder()
                        .addSpanProcessor(SimpleSpanProcessor.create(spans)).build()).build());
        TelemetryAgent telemetry = TelemetryAgent.start(obs.registry(), TelemetryAgent.Options.DEFAULT.withGpu(false));
        Path reports = java.nio.file.Files.createDirectories(dir.resolve("reports"));
        Ayo4jServer server = Ayo4jServer.builder().port(0).limits(limits).apiKeys(ApiKeys.of(List.of(KEY)))
                .grace(Duration.ofSeconds(2)).metrics(obs::scrape).httpMetrics(obs.registry()).telemetry(telemetry)
                .reports(reports)
                .service(() -> AppServices.of(Ayo4j.builder().embedded(LocalStackOptions.of(model, dir.resolve("data")))
                        .build(), COLLECTION, obs, null))
                .build().start();
        EmbeddedServer s = new EmbeddedServer(server, obs, spans, telemetry, reports);
        long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!server.isReady()) {
            if (System.nanoTime() > until) {
                throw new IllegalStateException("server not ready within 60 s");
            }
            Thread.sleep(50);
        }
        HttpResponse<String> r = s.post("/v1/collections/" + COLLECTION + "/documents", """
                {"documents": [
                  {"id": "topics/lucene.md", "text": "The vector store is Lucene: passages and vectors in an HNSW index on disk."},
                  {"id": "topics/prefill.md", "text": "Prefill splitting warms the prompt cache while retrieval runs."},
                  {"id": "topics/pipeline.md", "text": "Decode pipelining starts a search branch per streamed list item."}
                ]}""");
        if (r.statusCode() != 200) {
            throw new IllegalStateException("ingest failed: " + r.statusCode() + " " + r.body());
        }
        return s;
    }

    HttpResponse<String> post(String path, String json) throws Exception {
        return http.send(request(path).POST(HttpRequest.BodyPublishers.ofString(json))
                .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String path) throws Exception {
        return http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The server-sent events of a POST, as (name, data) pairs in order. */
    List<Sse> events(String path, String json) throws Exception {
        HttpResponse<java.util.stream.Stream<String>> r = http.send(request(path).header("Accept", "text/event-stream")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofLines());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("status " + r.statusCode() + ": " + String.join("\n", r.body().toList()));
        }
        List<Sse> out = new java.util.ArrayList<>();
        String name = "message";
        StringBuilder data = new StringBuilder();
        for (String line : (Iterable<String>) r.body()::iterator) {
            if (line.isEmpty()) {
                if (!data.isEmpty()) {
                    out.add(new Sse(name, data.toString()));
                }
                name = "message";
                data.setLength(0);
            } else if (line.startsWith("event:")) {
                name = line.substring(6).strip();
            } else if (line.startsWith("data:")) {
                data.append(line.substring(5).startsWith(" ") ? line.substring(6) : line.substring(5));
            }
        }
        return out;
    }

    /** One server-sent event. */
    record Sse(String name, String data) {}

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(uri.resolve(path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + KEY);
    }

    @Override
    public void close() {
        server.close();
        telemetry.close();
        observability.close();
    }
}
