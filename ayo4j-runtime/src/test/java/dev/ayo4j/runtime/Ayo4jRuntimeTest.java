// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ayo4j.EngineException;
import dev.ayo4j.GraphValidationException;
import dev.ayo4j.PlanningException;
import dev.ayo4j.graph.PrimitiveGraph;
import dev.ayo4j.primitive.Primitive;
import dev.ayo4j.runtime.policies.BatchPolicies;
import dev.ayo4j.runtime.trace.TraceEvent;
import dev.ayo4j.spi.Engine;
import dev.ayo4j.spi.Passage;
import dev.ayo4j.testkit.ManualTicker;
import dev.ayo4j.testkit.TestingEngine;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class Ayo4jRuntimeTest {
    private static final List<String> ENGINES = List.of("llm", "embedder", "reranker", "vectors");
    /** The runtime a test started, if it got that far; closed after it. */
    private Ayo4jRuntime runtime;

    @AfterEach
    void close() {
        if (runtime != null) {
            runtime.close();
        }
    }

    private Ayo4jRuntime runtime(UnaryOperator<TestingEngine.Builder> configure) {
        Ayo4jRuntime.Builder b = Ayo4jRuntime.builder().ticker(new ManualTicker());
        for (String name : ENGINES) {
            b.ownedEngine(configure.apply(TestingEngine.builder(name)).build());
        }
        runtime = b.build();
        return runtime;
    }

    @Test
    void runsAdvancedRagToAnAnswerFromTheRerankedContext() {
        QueryResult r = runtime(b -> b).run(Fixtures.advancedRag(), Fixtures.ragInputs("What is topic 2?"),
                Fixtures.GUARD);
        assertThat(r.output("answer", String.class)).startsWith("answer ").endsWith("[1].");
        @SuppressWarnings("unchecked")
        List<Passage> context = r.output("context", List.class);
        assertThat(context).hasSize(3).isSortedAccordingTo(Passage.BEST_FIRST);
        assertThat(r.trace()).hasSize(Fixtures.advancedRag().size())
                .allSatisfy(e -> assertThat(e.outcome()).isEqualTo(TraceEvent.Outcome.OK));
        assertThat(r.event("expand.prefill").engine()).isEqualTo("llm");
        assertThat(r.event("expand.decode").engine()).as("decoding is charged to the LLM").isEqualTo("llm");
        assertThat(r.event("output.answer").engine()).isEqualTo(TraceEvent.LOCAL);
    }

    @Test
    void runsNaiveRagTheSameWayTwice() {
        Ayo4jRuntime rt = runtime(b -> b);
        QueryResult first = rt.run(Fixtures.naiveRag(), Fixtures.ragInputs("Tell me about topic 1"), Fixtures.GUARD);
        QueryResult second = rt.run(Fixtures.naiveRag(), Fixtures.ragInputs("Tell me about topic 1"), Fixtures.GUARD);
        assertThat(first.outputs()).isEqualTo(second.outputs());
        assertThat(first.queryId()).isNotEqualTo(second.queryId());
    }

    @Test
    void failsBeforeRunningWhenAnEngineIsMissing() {
        Engine llm = TestingEngine.builder("llm").build();
        runtime = Ayo4jRuntime.builder().engine(llm).build();
        assertThatThrownBy(() -> runtime.run(Fixtures.naiveRag(), Fixtures.ragInputs("q"), Fixtures.GUARD))
                .isInstanceOf(PlanningException.class).hasMessageContaining("'embedder'")
                .hasMessageContaining("index.embed");
        assertThat(((TestingEngine) llm).batches()).isEmpty();
    }

    @Test
    void failsBeforeRunningWhenAnInputIsMissing() {
        assertThatThrownBy(() -> runtime(b -> b).run(Fixtures.naiveRag(), Map.of("question", "q"), Fixtures.GUARD))
                .isInstanceOf(GraphValidationException.class).hasMessageContaining("'passages'");
    }

    @Test
    void failedEngineTaskFailsOnlyItsOwnQueryNamingNodeAndCause() {
        runtime = Ayo4jRuntime.builder().ticker(new ManualTicker())
                .engine(TestingEngine.builder("embedder").throwWhen(t -> t.inputs().get(Primitive.Embed.TEXTS.name()) instanceof List<?> l
                        && l.contains("boom")).build())
                .policy("embedder", BatchPolicies.oneAtATime()).build();
        PrimitiveGraph g = Fixtures.embedOnly("embedder");
        CompletableFuture<QueryResult> bad = runtime.submit(g, Map.of("question", "boom"), Fixtures.GUARD);
        CompletableFuture<QueryResult> good = runtime.submit(g, Map.of("question", "fine"), Fixtures.GUARD);
        assertThat(good.join().outputs()).containsKey("vectors");
        assertThatThrownBy(bad::join).cause().isInstanceOf(EngineException.class)
                .hasMessageContaining("node embed").hasMessageContaining("Embed")
                .hasMessageContaining("engine embedder").hasMessageContaining("is broken");
    }

    @Test
    void taskFailureNamesThePrimitiveAndEngine() {
        runtime(b -> b.failOn(Primitive.Rerank.class));
        assertThatThrownBy(() -> runtime.run(Fixtures.naiveRag(), Fixtures.ragInputs("q"), Fixtures.GUARD))
                .isInstanceOf(EngineException.class).hasMessageContaining("node rerank (Rerank on engine reranker)")
                .hasMessageContaining("fails Rerank");
    }

    @Test
    void reportsCriticalPathAndEndToEndInVirtualTime() {
        ManualTicker ticker = new ManualTicker();
        Ayo4jRuntime.Builder b = Ayo4jRuntime.builder().ticker(ticker);
        for (String name : ENGINES) {
            b.engine(new TickingEngine(TestingEngine.builder(name).build(), ticker, Duration.ofMillis(10)));
        }
        runtime = b.build();
        QueryResult r = runtime.run(Fixtures.naiveRag(), Fixtures.ragInputs("q"), Fixtures.GUARD);
        // naive-rag unoptimized is one chain of six engine calls (embed, ingest, embed, search, rerank, prefill).
        assertThat(r.endToEndNanos()).isEqualTo(Duration.ofMillis(60).toNanos());
        assertThat(r.criticalPathNanos()).isEqualTo(Duration.ofMillis(60).toNanos());
        assertThat(r.ratio()).isEqualTo(1.0);
        TraceEvent rerank = r.event("rerank");
        assertThat(rerank.serviceNanos()).isEqualTo(Duration.ofMillis(10).toNanos());
        assertThat(rerank.batchId()).isPositive();
        assertThat(rerank.batchSize()).isEqualTo(1);
    }

    @Test
    void reportsSaneFiguresOnTheSystemClock() {
        Ayo4jRuntime.Builder b = Ayo4jRuntime.builder();
        for (String name : ENGINES) {
            b.ownedEngine(TestingEngine.builder(name).build());
        }
        runtime = b.build();
        QueryResult r = runtime.run(Fixtures.advancedRag(), Fixtures.ragInputs("q"), Fixtures.GUARD);
        assertThat(r.endToEndNanos()).isPositive();
        assertThat(r.criticalPathNanos()).isPositive();
        assertThat(r.ratio()).isPositive().isFinite();
        assertThat(r.trace()).allSatisfy(e -> {
            assertThat(e.startNanos()).isGreaterThanOrEqualTo(e.enqueueNanos());
            assertThat(e.endNanos()).isGreaterThanOrEqualTo(e.startNanos());
        });
    }

    @Test
    void closesOwnedEnginesOnly() {
        TestingEngine owned = TestingEngine.builder("llm").build();
        TestingEngine borrowed = TestingEngine.builder("embedder").build();
        Ayo4jRuntime.builder().ownedEngine(owned).engine(borrowed).build().close();
        assertThat(owned.closeCount()).isEqualTo(1);
        assertThat(borrowed.closeCount()).isZero();
    }
}
