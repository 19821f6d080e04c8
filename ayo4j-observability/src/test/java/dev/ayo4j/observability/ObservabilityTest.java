// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ayo4j.primitive.Primitive;
import dev.ayo4j.runtime.Ayo4jRuntime;
import dev.ayo4j.runtime.QueryResult;
import dev.ayo4j.runtime.trace.TraceEvent;
import dev.ayo4j.spi.Batch;
import dev.ayo4j.spi.Engine;
import dev.ayo4j.spi.EngineDescription;
import dev.ayo4j.spi.ForwardingEngine;
import dev.ayo4j.spi.PrefillCounter;
import dev.ayo4j.spi.PrefillCounts;
import dev.ayo4j.spi.TaskResult;
import dev.ayo4j.testkit.TestingEngine;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.api.trace.Span;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ObservabilityTest {
    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String PARENT_SPAN = "00f067aa0ba902b7";

    @Test
    void scrapeShowsGenAiAndAyo4jMetricsOfARun() {
        Observability obs = Observability.create(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
                OpenTelemetry.noop());
        QueryResult r;
        try (Ayo4jRuntime runtime = Runs.runtime(obs.listener("advanced-rag"), b -> b)) {
            obs.bind(runtime);
            r = runtime.run(Runs.advancedRag(), Runs.inputs("What is topic 2?"), Runs.GUARD);
            String text = obs.scrape();
            assertThat(text)
                    .contains("ayo4j_runs_total{ayo4j_app=\"advanced-rag\",outcome=\"ok\"} 1.0")
                    .contains("gen_ai_workflow_duration_seconds_count{gen_ai_workflow_name=\"advanced-rag\",outcome=\"ok\"} 1")
                    .containsPattern("gen_ai_client_operation_duration_seconds_bucket\\{ayo4j_primitive=\"Embed\","
                            + "gen_ai_operation_name=\"embeddings\",gen_ai_provider_name=\"embedder\",.*le=\"0.01\"")
                    .containsPattern("gen_ai_client_operation_duration_seconds_count\\{ayo4j_primitive=\"Prefill\","
                            + "gen_ai_operation_name=\"text_completion\"")
                    .containsPattern("gen_ai_client_token_usage_sum\\{gen_ai_operation_name=\"embeddings\".*"
                            + "gen_ai_token_type=\"input\"\\} [1-9]")
                    .contains("gen_ai_server_time_to_first_token_seconds_count{gen_ai_provider_name=\"llm\"")
                    .contains("ayo4j_engine_queue_depth{ayo4j_engine=\"llm\"} 0.0")
                    .contains("ayo4j_engine_busy_seconds_total{ayo4j_engine=\"embedder\"}")
                    .contains("ayo4j_engine_busy_fraction{ayo4j_engine=\"reranker\"}")
                    .contains("ayo4j_engine_batch_size_count{ayo4j_engine=\"embedder\"}")
                    .contains("ayo4j_run_critical_path_ratio_count{ayo4j_app=\"advanced-rag\"} 1")
                    .as("no run id as a label").doesNotContain(r.queryId() + "\"");
            long engineCalls = r.trace().stream().filter(e -> e.primitive().equals("Embed")).count();
            assertThat(text).contains("ayo4j_engine_service_seconds_count{ayo4j_engine=\"embedder\",ayo4j_primitive="
                    + "\"Embed\",outcome=\"ok\"} " + engineCalls);
        }
    }

    @Test
    void spanTreeOfARunMatchesItsTraceInsideTheCallersTrace() throws Exception {
        InMemorySpanExporter spans = InMemorySpanExporter.create();
        try (OpenTelemetrySdk otel = OpenTelemetrySdk.builder().setTracerProvider(SdkTracerProvider.builder()
                .addSpanProcessor(SimpleSpanProcessor.create(spans)).build()).build()) {
            Observability obs = Observability.create(new SimpleMeterRegistry(), otel);
            Context caller = Observability.extract(Map.of("Traceparent", "00-" + TRACE_ID + "-" + PARENT_SPAN + "-01"));
            QueryResult r;
            try (Ayo4jRuntime runtime = Runs.runtime(obs.listener(), b -> b)) {
                r = runtime.submit("rag-1", Runs.advancedRag(), Runs.inputs("What is topic 1?"), Runs.GUARD,
                        obs.listener("advanced-rag", caller)).get();
            }
            List<SpanData> all = spans.getFinishedSpanItems();
            SpanData root = all.stream().filter(s -> s.getName().equals("run advanced-rag")).findFirst().orElseThrow();
            assertThat(root.getTraceId()).isEqualTo(TRACE_ID);
            assertThat(root.getParentSpanId()).isEqualTo(PARENT_SPAN);
            assertThat(root.getAttributes().get(AttributeKey.stringKey(Attrs.QUERY_ID))).isEqualTo("rag-1");
            List<SpanData> children = all.stream().filter(s -> s.getParentSpanId().equals(root.getSpanId())).toList();
            // The run's span starts as the run does, before its first primitive, and ends with its last.
            assertThat(root.getStartEpochNanos()).isLessThanOrEqualTo(
                    children.stream().mapToLong(SpanData::getStartEpochNanos).min().orElseThrow());
            assertThat(root.getEndEpochNanos()).isEqualTo(
                    children.stream().mapToLong(SpanData::getEndEpochNanos).max().orElseThrow());
            assertThat(root.getEndEpochNanos() - root.getStartEpochNanos()).isLessThanOrEqualTo(r.endToEndNanos());
            Map<String, SpanData> byNode = children.stream().collect(Collectors.toMap(
                    s -> s.getAttributes().get(AttributeKey.stringKey(Attrs.NODE)), s -> s));
            assertThat(byNode.keySet()).containsExactlyInAnyOrderElementsOf(
                    r.trace().stream().map(TraceEvent::nodeId).toList());
            for (TraceEvent e : r.trace()) {
                SpanData s = byNode.get(e.nodeId());
                assertThat(s.getEndEpochNanos() - s.getStartEpochNanos()).as(e.nodeId()).isEqualTo(e.serviceNanos());
                assertThat(s.getAttributes().get(AttributeKey.stringKey(Attrs.ENGINE))).isEqualTo(e.engine());
                if (e.batchId() >= 0) {
                    assertThat(s.getAttributes().get(AttributeKey.longKey(Attrs.BATCH_ID))).isEqualTo(e.batchId());
                }
            }
            SpanData embed = byNode.values().stream()
                    .filter(s -> "Embed".equals(s.getAttributes().get(AttributeKey.stringKey(Attrs.PRIMITIVE))))
                    .findFirst().orElseThrow();
            assertThat(embed.getName()).isEqualTo("embeddings embedder");
            assertThat(embed.getAttributes().get(AttributeKey.stringKey(GenAi.OPERATION_NAME))).isEqualTo("embeddings");
            assertThat(embed.getAttributes().get(AttributeKey.doubleKey(Attrs.QUEUE_WAIT_MS))).isNotNull();
            assertThat(all).as("the runtime-wide listener traced the same run as a root too")
                    .filteredOn(s -> s.getName().equals("run default")).singleElement()
                    .satisfies(s -> assertThat(s.getParentSpanContext()).isEqualTo(SpanContext.getInvalid()));
        }
    }

    @Test
    void eachTaskOfAnEngineThatSendsTraceContextCarriesTheSpanOfItsPrimitive() throws Exception {
        InMemorySpanExporter spans = InMemorySpanExporter.create();
        // The LLM and the embedder stand for remote engines; the reranker and the vector store run in process.
        List<String> remote = List.of("llm", "embedder");
        List<TestingEngine> engines = Runs.ENGINES.stream().map(n -> TestingEngine.builder(n)
                .sendsTraceContext(remote.contains(n)).build()).toList();
        try (OpenTelemetrySdk otel = OpenTelemetrySdk.builder().setTracerProvider(SdkTracerProvider.builder()
                .addSpanProcessor(SimpleSpanProcessor.create(spans)).build()).build()) {
            Observability obs = Observability.create(new SimpleMeterRegistry(), otel);
            Context caller = Observability.extract(Map.of("traceparent", "00-" + TRACE_ID + "-" + PARENT_SPAN + "-01"));
            Ayo4jRuntime.Builder b = Ayo4jRuntime.builder();
            engines.forEach(b::ownedEngine);
            try (Ayo4jRuntime runtime = b.build()) {
                runtime.submit("rag-2", Runs.advancedRag(), Runs.inputs("What is topic 3?"), Runs.GUARD,
                        obs.listener("advanced-rag", caller)).get();
            }
            List<SpanData> all = spans.getFinishedSpanItems();
            SpanData root = all.stream().filter(s -> s.getName().equals("run advanced-rag")).findFirst().orElseThrow();
            Map<String, SpanData> byNode = all.stream().filter(s -> s.getParentSpanId().equals(root.getSpanId()))
                    .collect(Collectors.toMap(s -> s.getAttributes().get(AttributeKey.stringKey(Attrs.NODE)), s -> s));
            List<dev.ayo4j.spi.Task> sent = engines.stream().filter(TestingEngine::sendsTraceContext)
                    .flatMap(e -> e.batches().stream()).flatMap(batch -> batch.tasks().stream()).toList();
            assertThat(sent).hasSizeGreaterThan(2).allSatisfy(t -> assertThat(t.trace().fields())
                    .containsEntry("traceparent", "00-" + TRACE_ID + "-" + byNode.get(t.id().node()).getSpanId() + "-01"));
            assertThat(sent).extracting(t -> t.trace().fields().get("traceparent")).doesNotHaveDuplicates();
            List<dev.ayo4j.spi.Task> inProcess = engines.stream().filter(e -> !e.sendsTraceContext())
                    .flatMap(e -> e.batches().stream()).flatMap(batch -> batch.tasks().stream()).toList();
            assertThat(inProcess).as("tasks of in-process engines keep the run's context").isNotEmpty()
                    .allSatisfy(t -> assertThat(t.trace().fields())
                            .containsEntry("traceparent", "00-" + TRACE_ID + "-" + root.getSpanId() + "-01"));
        }
    }

    @Test
    void failedRunCountsAsFailedAndEndsInAnErrorSpan() {
        InMemorySpanExporter spans = InMemorySpanExporter.create();
        try (OpenTelemetrySdk otel = OpenTelemetrySdk.builder().setTracerProvider(SdkTracerProvider.builder()
                .addSpanProcessor(SimpleSpanProcessor.create(spans)).build()).build()) {
            Observability obs = Observability.create(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), otel);
            try (Ayo4jRuntime runtime = Runs.runtime(obs.listener("advanced-rag"),
                    b -> b.failOn(Primitive.Rerank.class))) {
                CompletableFuture<QueryResult> f = runtime.submit(Runs.advancedRag(), Runs.inputs("q"), Runs.GUARD);
                assertThatThrownBy(f::get).isInstanceOf(ExecutionException.class);
            }
            assertThat(obs.scrape()).contains("ayo4j_runs_total{ayo4j_app=\"advanced-rag\",outcome=\"failed\"} 1.0");
            SpanData root = spans.getFinishedSpanItems().stream().filter(s -> s.getName().equals("run advanced-rag"))
                    .findFirst().orElseThrow();
            assertThat(root.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
            assertThat(spans.getFinishedSpanItems()).anySatisfy(s -> {
                assertThat(s.getParentSpanId()).isEqualTo(root.getSpanId());
                assertThat(s.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
            });
        }
    }

    @Test
    void tracingIsOffUnlessTheEnvironmentAsksForOtlp() {
        assertThat(Observability.openTelemetryFrom(Map.of("PATH", "/bin"))).isSameAs(OpenTelemetry.noop());
        assertThat(Observability.openTelemetryFrom(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:1",
                "OTEL_SDK_DISABLED", "true"))).isSameAs(OpenTelemetry.noop());
    }

    @Test
    void exportsARunsSpansOverOtlpWhenTheStandardVariablesAskForIt() throws Exception {
        java.util.List<String> posts = new java.util.concurrent.CopyOnWriteArrayList<>();
        com.sun.net.httpserver.HttpServer collector = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        collector.createContext("/", ex -> {
            byte[] body = ex.getRequestBody().readAllBytes();
            posts.add(ex.getRequestMethod() + " " + ex.getRequestURI().getPath() + " "
                    + ex.getRequestHeaders().getFirst("Content-Type") + " " + body.length);
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        collector.start();
        String endpoint = "http://127.0.0.1:" + collector.getAddress().getPort();
        // Autoconfigure reads otel.* system properties beside OTEL_* variables; the map stands in for the variables.
        System.setProperty("otel.exporter.otlp.endpoint", endpoint);
        try {
            OpenTelemetry otel = Observability.openTelemetryFrom(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", endpoint));
            assertThat(otel).isInstanceOf(OpenTelemetrySdk.class);
            Observability obs = Observability.create(new SimpleMeterRegistry(), otel);
            try (Ayo4jRuntime runtime = Runs.runtime(obs.listener("advanced-rag"), b -> b)) {
                runtime.run(Runs.advancedRag(), Runs.inputs("q"), Runs.GUARD);
            }
            obs.close();
            assertThat(posts).anySatisfy(p -> assertThat(p).startsWith("POST /v1/traces application/x-protobuf"));
        } finally {
            System.clearProperty("otel.exporter.otlp.endpoint");
            collector.stop(0);
        }
    }

    @Test
    void extractIgnoresAMalformedTraceparent() {
        Context c = Observability.extract(Map.of("traceparent", "garbage"));
        assertThat(Span.fromContext(c).getSpanContext().isValid()).isFalse();
    }

    @Test
    void scrapeNamesTheRegistryItCannotScrape() {
        Observability obs = Observability.create(new SimpleMeterRegistry(), OpenTelemetry.noop());
        assertThatThrownBy(obs::scrape).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("SimpleMeterRegistry");
    }

    @Test
    void runsTheSamplerLeavesOutMakeNoSpans() throws Exception {
        InMemorySpanExporter spans = InMemorySpanExporter.create();
        try (OpenTelemetrySdk otel = OpenTelemetrySdk.builder().setTracerProvider(SdkTracerProvider.builder()
                .setSampler(io.opentelemetry.sdk.trace.samplers.Sampler.alwaysOff())
                .addSpanProcessor(SimpleSpanProcessor.create(spans)).build()).build()) {
            Observability obs = Observability.create(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), otel);
            try (Ayo4jRuntime runtime = Runs.runtime(obs.listener("advanced-rag"), b -> b)) {
                runtime.run(Runs.advancedRag(), Runs.inputs("q"), Runs.GUARD);
            }
            assertThat(spans.getFinishedSpanItems()).isEmpty();
            assertThat(obs.scrape()).as("metrics do not depend on sampling")
                    .contains("ayo4j_runs_total{ayo4j_app=\"advanced-rag\",outcome=\"ok\"} 1.0");
        }
    }

    @Test
    void scrapeShowsAnLlmsOwnDescriptionAndPromptCacheCountsThroughItsDecorators() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Observability obs = Observability.create(registry, OpenTelemetry.noop());
        CountingLlm counting = new CountingLlm(TestingEngine.builder("llm").build());
        Ayo4jRuntime.Builder b = Ayo4jRuntime.builder().listener(obs.listener("advanced-rag"))
                .ownedEngine(new Decorated(counting));
        for (String name : List.of("embedder", "reranker", "vectors")) {
            b.ownedEngine(TestingEngine.builder(name).build());
        }
        try (Ayo4jRuntime runtime = b.build()) {
            obs.bind(runtime);
            runtime.run(Runs.advancedRag(), Runs.inputs("What is topic 2?"), Runs.GUARD);
            long llmTasks = counting.prefillCounts().requests();
            assertThat(llmTasks).isPositive();
            assertThat(obs.scrape())
                    .contains("ayo4j_llm_prompt_cache_tokens_total{ayo4j_cache=\"hit\",ayo4j_engine=\"llm\"} "
                            + (double) (60 * llmTasks))
                    .contains("ayo4j_llm_prompt_cache_tokens_total{ayo4j_cache=\"miss\",ayo4j_engine=\"llm\"} "
                            + (double) (40 * llmTasks))
                    .contains("ayo4j_llm_prompt_cache_unreported_requests_total{ayo4j_engine=\"llm\"} 0.0")
                    .containsPattern("gen_ai_client_operation_duration_seconds_count\\{ayo4j_primitive=\"Prefill\","
                            + "gen_ai_operation_name=\"text_completion\",gen_ai_provider_name=\"llama.cpp\","
                            + "gen_ai_request_model=\"tiny.gguf\"")
                    .as("an engine that does not describe itself is named by its name")
                    .containsPattern("gen_ai_provider_name=\"embedder\",gen_ai_request_model=\"embedder\"")
                    .as("engines that keep no counts get none")
                    .doesNotContain("ayo4j_llm_prompt_cache_tokens_total{ayo4j_cache=\"hit\",ayo4j_engine=\"embedder\"}");
        }
    }

    /** An LLM that counts 100 prompt tokens per task, 60 of them found cached. */
    private static final class CountingLlm implements ForwardingEngine, PrefillCounter {
        private final Engine delegate;
        private final AtomicReference<PrefillCounts> counts = new AtomicReference<>(PrefillCounts.NONE);

        CountingLlm(Engine delegate) {
            this.delegate = delegate;
        }

        @Override
        public Engine delegate() {
            return delegate;
        }

        @Override
        public List<TaskResult> execute(Batch batch) {
            for (int i = 0; i < batch.tasks().size(); i++) {
                counts.accumulateAndGet(PrefillCounts.reported(100, 40), PrefillCounts::plus);
            }
            return delegate.execute(batch);
        }

        @Override
        public EngineDescription description() {
            return new EngineDescription("llama.cpp", "tiny.gguf");
        }

        @Override
        public PrefillCounts prefillCounts() {
            return counts.get();
        }

        @Override
        public void close() {
            delegate.close();
        }
    }

    /** A decorator that counts nothing itself, in front of {@code delegate}. */
    private record Decorated(Engine delegate) implements ForwardingEngine {
        @Override
        public void close() {
            delegate.close();
        }
    }
}
