// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.engine.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ayo4j.app.AppOptions;
import dev.ayo4j.app.Apps;
import dev.ayo4j.app.EngineBinding;
import dev.ayo4j.app.QueryShape;
import dev.ayo4j.app.Role;
import dev.ayo4j.graph.PrimitiveGraph;
import dev.ayo4j.observability.Attrs;
import dev.ayo4j.observability.GenAi;
import dev.ayo4j.observability.Observability;
import dev.ayo4j.plan.Passes;
import dev.ayo4j.plan.Planner;
import dev.ayo4j.plan.PlannerContext;
import dev.ayo4j.runtime.Ayo4jRuntime;
import dev.ayo4j.spi.Passage;
import dev.ayo4j.testkit.TestingEngine;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A traced run's engine calls reach the OpenAI-compatible server with a W3C {@code traceparent} whose parent is
 * the span of the primitive that made the call: although the calls leave from the engine scheduler's threads,
 * which carry no trace context of their own, the server sees the trace of the run (itself inside the caller's
 * trace) and can hang its spans under the primitive's.
 */
class RunTraceparentTest {
    private static final String CALLER_TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String CALLER_SPAN = "00f067aa0ba902b7";
    private final TestingOpenAiServer server = TestingOpenAiServer.start();
    private final InMemorySpanExporter spans = InMemorySpanExporter.create();
    private final OpenTelemetrySdk otel = OpenTelemetrySdk.builder().setTracerProvider(SdkTracerProvider.builder()
            .addSpanProcessor(SimpleSpanProcessor.create(spans)).build()).build();

    @AfterEach
    void tearDown() {
        otel.close();
        server.close();
    }

    @Test
    void everyLlmRequestOfATracedRunCarriesTheSpanOfItsPrimitive() throws Exception {
        Observability obs = Observability.create(new SimpleMeterRegistry(), otel);
        Context caller = Observability.extract(Map.of("traceparent", "00-" + CALLER_TRACE + "-" + CALLER_SPAN + "-01"));

        try (Ayo4jRuntime runtime = runtime()) {
            runtime.submit("traced-1", graph(), inputs(), Duration.ofMinutes(1),
                    obs.listener("advanced-rag", caller)).get();
        }

        SpanData run = spans.getFinishedSpanItems().stream().filter(s -> s.getName().equals("run advanced-rag"))
                .findFirst().orElseThrow();
        assertThat(run.getTraceId()).isEqualTo(CALLER_TRACE);
        assertThat(run.getParentSpanId()).isEqualTo(CALLER_SPAN);
        // The spans of the run's calls on the llm engine: each request is one of them, sent from its batch.
        Map<String, SpanData> llmSpans = spans.getFinishedSpanItems().stream()
                .filter(s -> s.getParentSpanId().equals(run.getSpanId()))
                .filter(s -> "llm".equals(s.getAttributes().get(AttributeKey.stringKey(Attrs.ENGINE))))
                .filter(s -> s.getAttributes().get(AttributeKey.longKey(Attrs.BATCH_ID)) != null)
                .collect(Collectors.toMap(SpanData::getSpanId, s -> s));
        List<TestingOpenAiServer.Request> requests = server.requests();
        assertThat(requests).as("expansion, warm-ups and answer").hasSizeGreaterThan(2)
                .allSatisfy(q -> assertThat(q.traceparent()).startsWith("00-" + run.getTraceId() + "-").endsWith("-01"));
        List<String> parents = requests.stream().map(q -> q.traceparent().split("-")[2]).toList();
        assertThat(parents).as("each request's parent is the span of the primitive that sent it, not the run's")
                .doesNotContain(run.getSpanId()).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(llmSpans.keySet());
        assertThat(parents).allSatisfy(p -> assertThat(llmSpans.get(p).getAttributes()
                .get(AttributeKey.stringKey(GenAi.OPERATION_NAME))).isEqualTo("text_completion"));
    }

    @Test
    void anUntracedRunSendsNoTraceparent() throws Exception {
        Observability obs = Observability.create(new SimpleMeterRegistry(), io.opentelemetry.api.OpenTelemetry.noop());
        try (Ayo4jRuntime runtime = runtime()) {
            runtime.submit("untraced-1", graph(), inputs(), Duration.ofMinutes(1), obs.listener("advanced-rag")).get();
        }
        assertThat(server.requests()).isNotEmpty().allSatisfy(q -> assertThat(q.traceparent()).isEmpty());
    }

    private Ayo4jRuntime runtime() {
        EngineBinding n = EngineBinding.DEFAULT;
        Ayo4jRuntime.Builder b = Ayo4jRuntime.builder().ownedEngine(OpenAiEngine.builder().name(n.engine(Role.LLM))
                .baseUrl(server.baseUrl()).model("testing").cachePrompt(true).build());
        for (String name : List.of(n.engine(Role.EMBEDDER), n.engine(Role.RERANKER), n.engine(Role.VECTORS))) {
            b.ownedEngine(TestingEngine.builder(name).build());
        }
        return b.build();
    }

    private static PrimitiveGraph graph() {
        return new Planner(Passes.STANDARD, PlannerContext.defaults())
                .optimize(Apps.advancedRag(AppOptions.DEFAULT).lower(QueryShape.ofPassages(4))).result();
    }

    private static Map<String, Object> inputs() {
        List<Passage> passages = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            passages.add(Passage.of("doc.md#" + i, "passage " + i + " about the colour of the sky"));
        }
        return Map.of(Apps.QUESTION.name(), "Why is the sky blue?", Apps.PASSAGES.name(), passages);
    }
}
