// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.observability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ayo4j.app.App;
import dev.ayo4j.app.AppOptions;
import dev.ayo4j.app.Apps;
import dev.ayo4j.app.QueryShape;
import dev.ayo4j.engine.llamacpp.gguf.SyntheticModels;
import dev.ayo4j.graph.PrimitiveGraph;
import dev.ayo4j.local.LocalStack;
import dev.ayo4j.local.LocalStackOptions;
import dev.ayo4j.plan.Passes;
import dev.ayo4j.plan.Planner;
import dev.ayo4j.plan.PlannerContext;
import dev.ayo4j.runtime.Ayo4jRuntime;
import dev.ayo4j.runtime.QueryResult;
import dev.ayo4j.runtime.trace.TraceEvent;
import dev.ayo4j.spi.Passage;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The span tree and metrics of a real, optimized advanced-rag run on the embedded engines (bundled encoders,
 * Lucene on disk, llama.cpp with a chain model) match the run's trace events.
 */
class AdvancedRagSpansIT {
    private static final String TRACE_ID = "0af7651916cd43dd8448eb211c80319c";
    private static final String PARENT = "b7ad6b7169203331";

    @TempDir
    Path dir;

    @Test
    void spansOfARealRunMatchItsTrace() throws Exception {
        Path model = dir.resolve("chain.gguf");
        SyntheticModels.writeJsonListChain(model, List.of("lucene index", "prompt cache", "streamed list"));
        List<Passage> passages = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            passages.add(new Passage("doc.md#" + i, "passage " + i + " on the lucene index, the prompt cache and a "
                    + "streamed list, topic " + (i % 5), 0, "doc.md"));
        }
        App app = Apps.advancedRag(AppOptions.DEFAULT.withSearchK(4).withRerankK(3)).withCollection("spans");
        PrimitiveGraph graph = new Planner(Passes.STANDARD, PlannerContext.defaults())
                .optimize(app.lower(new QueryShape(passages.size(), 20, 10))).result();
        InMemorySpanExporter spans = InMemorySpanExporter.create();
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        QueryResult r;
        List<SpanData> all;
        try (OpenTelemetrySdk otel = OpenTelemetrySdk.builder().setTracerProvider(SdkTracerProvider.builder()
                .addSpanProcessor(SimpleSpanProcessor.create(spans)).build()).build();
             LocalStack stack = LocalStack.open(LocalStackOptions.of(model, dir.resolve("data")))) {
            Observability obs = Observability.create(registry, otel);
            Context caller = Observability.extract(Map.of("traceparent", "00-" + TRACE_ID + "-" + PARENT + "-01"));
            try (Ayo4jRuntime runtime = stack.newRuntime()) {
                obs.bind(runtime);
                r = runtime.submit("real-1", graph, Map.of("question", "How are vectors stored?", "passages", passages),
                        Duration.ofMinutes(2), obs.listener("advanced-rag", caller)).get();
            }
            all = spans.getFinishedSpanItems();  // before the SDK's shutdown clears the exporter
        }
        SpanData root = all.stream().filter(s -> s.getName().equals("run advanced-rag"))
                .findFirst().orElseThrow();
        assertThat(root.getTraceId()).isEqualTo(TRACE_ID);
        assertThat(root.getParentSpanId()).isEqualTo(PARENT);
        Map<String, SpanData> byNode = all.stream()
                .filter(s -> s.getParentSpanId().equals(root.getSpanId()))
                .collect(Collectors.toMap(s -> s.getAttributes().get(AttributeKey.stringKey(Attrs.NODE)), s -> s));
        assertThat(byNode.keySet()).containsExactlyInAnyOrderElementsOf(r.trace().stream().map(TraceEvent::nodeId).toList());
        for (TraceEvent e : r.trace()) {
            SpanData s = byNode.get(e.nodeId());
            assertThat(s.getEndEpochNanos() - s.getStartEpochNanos()).as(e.nodeId()).isEqualTo(e.serviceNanos());
            assertThat(s.getAttributes().get(AttributeKey.stringKey(Attrs.PRIMITIVE))).isEqualTo(e.primitive());
            if (e.tokensIn() > 0) {
                assertThat(s.getAttributes().get(AttributeKey.longKey(GenAi.USAGE_INPUT_TOKENS))).isEqualTo(e.tokensIn());
            }
        }
        assertThat(byNode.values()).anySatisfy(s -> {
            assertThat(s.getAttributes().get(AttributeKey.stringKey(GenAi.OPERATION_NAME))).isEqualTo("text_completion");
            assertThat(s.getAttributes().get(AttributeKey.stringKey(GenAi.PROVIDER_NAME))).isEqualTo("llama.cpp");
            assertThat(s.getAttributes().get(AttributeKey.stringKey(GenAi.REQUEST_MODEL))).isEqualTo("chain.gguf");
        });
        String text = registry.scrape();
        assertThat(text).contains("ayo4j_runs_total{ayo4j_app=\"advanced-rag\",outcome=\"ok\"} 1.0")
                .contains("gen_ai_server_time_to_first_token_seconds_count{gen_ai_provider_name=\"llama.cpp\"")
                .contains("ayo4j_engine_busy_seconds_total{ayo4j_engine=\"llm\"}");
    }
}
