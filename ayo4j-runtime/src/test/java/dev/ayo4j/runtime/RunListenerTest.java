// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ayo4j.runtime.trace.TraceEvent;
import dev.ayo4j.spi.TraceContext;
import dev.ayo4j.testkit.ManualTicker;
import dev.ayo4j.testkit.TestingEngine;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

class RunListenerTest {
    private static final TraceContext QUERY_CONTEXT = new TraceContext(Map.of("traceparent",
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"));

    private final ManualTicker ticker = new ManualTicker();
    /** The runtime a test started, closed after it. */
    @AutoClose
    private Ayo4jRuntime runtime;

    private Ayo4jRuntime rag(RunListener global) {
        Ayo4jRuntime.Builder b = Ayo4jRuntime.builder().ticker(ticker).listener(global);
        for (String name : List.of("llm", "embedder", "reranker", "vectors")) {
            b.engine(TestingEngine.builder(name).build());
        }
        runtime = b.build();
        return runtime;
    }

    @Test
    void everyPrimitiveIsReadyThenFinishedAndTheQueryEndsOnce() {
        List<RunEvent> global = new CopyOnWriteArrayList<>();
        List<RunEvent> mine = new CopyOnWriteArrayList<>();
        rag(global::add);
        QueryResult r = runtime.submit("q1", Fixtures.advancedRag(), Fixtures.ragInputs("Why?"), Fixtures.GUARD,
                mine::add).join();

        assertThat(mine).isEqualTo(global);
        Map<String, List<RunEvent>> byNode = mine.stream().filter(e -> !(e instanceof RunEvent.Succeeded))
                .collect(Collectors.groupingBy(RunListenerTest::node));
        assertThat(byNode.keySet()).containsExactlyInAnyOrderElementsOf(
                r.trace().stream().map(TraceEvent::nodeId).toList());
        for (TraceEvent t : r.trace()) {
            List<RunEvent> events = byNode.get(t.nodeId());
            assertThat(events.getFirst()).as(t.nodeId()).isInstanceOf(RunEvent.Ready.class);
            assertThat(events.getLast()).as(t.nodeId()).isEqualTo(new RunEvent.Finished(t));
            boolean engine = !t.engine().equals(TraceEvent.LOCAL) && !t.primitive().startsWith("Decode");
            assertThat(events.stream().anyMatch(e -> e instanceof RunEvent.Started)).as(t.nodeId())
                    .isEqualTo(engine && t.outcome() == TraceEvent.Outcome.OK);
        }
        String decodeOfAnswer = r.trace().stream().filter(t -> t.primitive().equals("Decode"))
                .map(TraceEvent::nodeId).toList().getLast();
        String answer = mine.stream().filter(e -> e instanceof RunEvent.Token tk && tk.nodeId().equals(decodeOfAnswer))
                .map(e -> ((RunEvent.Token) e).text()).collect(Collectors.joining());
        assertThat(answer).isEqualTo(r.output("answer", String.class));
        assertThat(mine.getLast()).isEqualTo(new RunEvent.Succeeded(r));
        assertThat(mine.stream().filter(e -> e instanceof RunEvent.Succeeded || e instanceof RunEvent.Failed))
                .hasSize(1);
    }

    @Test
    void aFailedQueryEndsWithFailedAndAThrowingListenerIsIgnored() {
        List<RunEvent> events = new CopyOnWriteArrayList<>();
        RunListener throwing = _ -> {
            throw new IllegalStateException("listener bug");
        };
        runtime = Ayo4jRuntime.builder().ticker(ticker).listener(throwing)
                .engine(TestingEngine.builder("embedder").failOn(dev.ayo4j.primitive.Primitive.Embed.class).build())
                .build();
        assertThatThrownBy(() -> runtime.submit("q2", Fixtures.embedOnly("embedder"), Map.of("question", "x"),
                Duration.ofSeconds(30), events::add).join()).hasMessageContaining("embed");
        assertThat(events.getLast()).isInstanceOfSatisfying(RunEvent.Failed.class,
                f -> assertThat(f.queryId()).isEqualTo("q2"));
        assertThat(events).filteredOn(e -> e instanceof RunEvent.Finished f
                && f.event().outcome() == TraceEvent.Outcome.FAILED).hasSize(1);
    }

    @Test
    void everyEngineTaskCarriesTheTraceContextItsQuerysListenerGave() {
        TestingEngine embedder = TestingEngine.builder("embedder").build();
        runtime = Ayo4jRuntime.builder().ticker(ticker).listener(_ -> { }).engine(embedder).build();
        List<String> askedFor = new CopyOnWriteArrayList<>();
        RunListener tracing = new RunListener() {
            @Override
            public void onEvent(RunEvent event) {
            }

            @Override
            public TraceContext traceContext(String queryId) {
                askedFor.add(queryId);
                return QUERY_CONTEXT;
            }
        };
        runtime.submit("q3", Fixtures.embedOnly("embedder"), Map.of("question", "x"), Fixtures.GUARD, tracing).join();
        runtime.submit("q4", Fixtures.embedOnly("embedder"), Map.of("question", "x"), Fixtures.GUARD, _ -> { }).join();

        assertThat(askedFor).containsExactly("q3");
        assertThat(embedder.batches()).flatMap(dev.ayo4j.spi.Batch::tasks).hasSize(2).allSatisfy(t ->
                assertThat(t.trace()).isEqualTo(t.id().query().equals("q3") ? QUERY_CONTEXT : TraceContext.NONE));
    }

    @Test
    void aTaskCarriesTheContextItsListenerGaveAsItsBatchStartedInsteadOfTheQuerys() {
        TestingEngine embedder = TestingEngine.builder("embedder").sendsTraceContext(true).build();
        runtime = Ayo4jRuntime.builder().ticker(ticker).engine(embedder).build();
        TaskTracing tracing = new TaskTracing(QUERY_CONTEXT, started -> new TraceContext(Map.of("traceparent",
                "00-4bf92f3577b34da6a3ce929d0e0e4736-" + "%016x-01".formatted(started.nodeId().hashCode()))));
        // Composed after a listener that gives none, as metrics and spans are composed.
        runtime.submit("q6", Fixtures.embedOnly("embedder"), Map.of("question", "x"), Fixtures.GUARD,
                RunListener.NONE.andThen(_ -> { }).andThen(tracing)).join();

        assertThat(tracing.askedFor).singleElement()
                .satisfies(s -> assertThat(tracing.heard).as("after its Started event").contains(s));
        assertThat(tracing.heard).filteredOn(e -> e instanceof RunEvent.Started).hasSize(1);
        String node = tracing.askedFor.getFirst().nodeId();
        assertThat(embedder.batches()).flatMap(dev.ayo4j.spi.Batch::tasks).singleElement().satisfies(t -> {
            assertThat(t.id().node()).isEqualTo(node);
            assertThat(t.trace().fields()).containsEntry("traceparent",
                    "00-4bf92f3577b34da6a3ce929d0e0e4736-%016x-01".formatted(node.hashCode()));
        });
    }

    @Test
    void aTaskOfAnEngineThatSendsNoTraceContextIsNotAskedForOne() {
        TestingEngine embedder = TestingEngine.builder("embedder").build();
        runtime = Ayo4jRuntime.builder().ticker(ticker).engine(embedder).build();
        TaskTracing tracing = new TaskTracing(QUERY_CONTEXT, _ -> TraceContext.NONE);
        runtime.submit("q9", Fixtures.embedOnly("embedder"), Map.of("question", "x"), Fixtures.GUARD, tracing).join();

        assertThat(tracing.heard).filteredOn(e -> e instanceof RunEvent.Started).hasSize(1);
        assertThat(tracing.askedFor).isEmpty();
        assertThat(embedder.batches().getFirst().tasks().getFirst().trace()).isEqualTo(QUERY_CONTEXT);
    }

    @Test
    void composedListenersAreBothAskedForTheQuerysContextAndTheFirstsIsCarried() {
        List<String> asked = new CopyOnWriteArrayList<>();
        RunListener first = tracer("first", asked);
        RunListener second = tracer("second", asked);
        TraceContext carried = first.andThen(second).traceContext("q7");
        assertThat(asked).containsExactly("first q7", "second q7");
        assertThat(carried.fields()).containsEntry("traceparent", "first");
        assertThat(RunListener.NONE.andThen(_ -> { }).andThen(second).traceContext("q8").fields())
                .containsEntry("traceparent", "second");
    }

    /**
     * A listener that records every event it hears and every started task it is asked for a context, and
     * gives {@code query} for its queries and what {@code task} answers for a started task.
     */
    private static final class TaskTracing implements RunListener {
        final List<RunEvent> heard = new CopyOnWriteArrayList<>();
        final List<RunEvent.Started> askedFor = new CopyOnWriteArrayList<>();
        private final TraceContext query;
        private final Function<RunEvent.Started, TraceContext> task;

        TaskTracing(TraceContext query, Function<RunEvent.Started, TraceContext> task) {
            this.query = query;
            this.task = task;
        }

        @Override
        public void onEvent(RunEvent event) {
            heard.add(event);
        }

        @Override
        public TraceContext traceContext(String queryId) {
            return query;
        }

        @Override
        public TraceContext taskTraceContext(RunEvent.Started started) {
            askedFor.add(started);
            return task.apply(started);
        }
    }

    private static RunListener tracer(String name, List<String> asked) {
        return new RunListener() {
            @Override
            public void onEvent(RunEvent event) {
            }

            @Override
            public TraceContext traceContext(String queryId) {
                asked.add(name + " " + queryId);
                return new TraceContext(Map.of("traceparent", name));
            }
        };
    }

    @Test
    void aListenerThatFailsToGiveATraceContextLeavesTheQueryUntraced() {
        TestingEngine embedder = TestingEngine.builder("embedder").build();
        runtime = Ayo4jRuntime.builder().ticker(ticker).engine(embedder).build();
        RunListener broken = new RunListener() {
            @Override
            public void onEvent(RunEvent event) {
            }

            @Override
            public TraceContext traceContext(String queryId) {
                throw new IllegalStateException("tracer bug");
            }
        };
        runtime.submit("q5", Fixtures.embedOnly("embedder"), Map.of("question", "x"), Fixtures.GUARD, broken).join();

        assertThat(embedder.batches().getFirst().tasks().getFirst().trace()).isEqualTo(TraceContext.NONE);
    }

    private static String node(RunEvent e) {
        return switch (e) {
            case RunEvent.Ready r -> r.nodeId();
            case RunEvent.Started s -> s.nodeId();
            case RunEvent.Token t -> t.nodeId();
            case RunEvent.Finished f -> f.event().nodeId();
            case RunEvent.Succeeded s -> s.queryId();
            case RunEvent.Failed f -> f.queryId();
        };
    }
}
