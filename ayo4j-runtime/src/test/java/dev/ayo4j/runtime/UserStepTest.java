// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ayo4j.Ayo4jException;
import dev.ayo4j.PlanningException;
import dev.ayo4j.app.App;
import dev.ayo4j.app.Apps;
import dev.ayo4j.app.Module;
import dev.ayo4j.app.QueryShape;
import dev.ayo4j.app.Templates;
import dev.ayo4j.graph.PrimitiveGraph;
import dev.ayo4j.primitive.Port;
import dev.ayo4j.runtime.trace.TraceEvent;
import dev.ayo4j.spi.Passage;
import dev.ayo4j.testkit.ManualTicker;
import dev.ayo4j.testkit.TestingEngine;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** User steps run in place by the runtime, from functions registered by name. */
class UserStepTest {
    private static final Port<List<Passage>> CANDIDATES = Port.passages("candidates");
    private static final Port<String> ANSWER = Apps.ANSWER;
    private static final Port<List<Passage>> CONTEXT = Apps.CONTEXT;

    private final List<TestingEngine> engines = new ArrayList<>();
    /** The runtime a test started, if it got that far; closed after it. */
    private Ayo4jRuntime runtime;

    @AfterEach
    void close() {
        if (runtime != null) {
            runtime.close();
        }
    }

    /** Search, keep the passages of even topics (step "keep-even"), rerank, answer, append the sources ("cite"). */
    private static PrimitiveGraph graph() {
        App app = App.builder("rag-with-steps")
                .input(Apps.QUESTION.name(), Apps.QUESTION.kind())
                .input(Apps.PASSAGES.name(), Apps.PASSAGES.kind())
                .then(new Module.Index("index", Apps.PASSAGES.name(), Apps.INDEX.name()))
                .then(new Module.Search("search", Apps.QUESTION.name(), Apps.INDEX.name(), 8, CANDIDATES.name()))
                .then(new Module.Step("even", "keep-even", List.of(CANDIDATES.name()), CANDIDATES.kind(), "even"))
                .then(new Module.Rerank("rerank", Apps.QUESTION.name(), "even", 3, CONTEXT.name()))
                .then(new Module.Generate("generate", Templates.ANSWER_FROM_CONTEXT, 32, ANSWER.name()))
                .then(new Module.Step("cite", "cite", List.of(ANSWER.name(), CONTEXT.name()), ANSWER.kind(), "cited"))
                .output("cited")
                .output(CONTEXT.name())
                .build();
        return app.lower(QueryShape.ofPassages(Fixtures.PASSAGES));
    }

    private static final StepFunction KEEP_EVEN = task -> task.input(CANDIDATES).stream()
            .filter(p -> p.text().endsWith("topic 0") || p.text().endsWith("topic 2")).toList();

    private static final StepFunction CITE = task -> task.input(ANSWER) + " (" + task.input(CONTEXT).size()
            + " sources)";

    private Ayo4jRuntime runtime(UnaryOperator<Ayo4jRuntime.Builder> steps) {
        Ayo4jRuntime.Builder b = Ayo4jRuntime.builder().ticker(new ManualTicker());
        for (String name : List.of("llm", "embedder", "reranker", "vectors")) {
            TestingEngine e = TestingEngine.builder(name).build();
            engines.add(e);
            b.ownedEngine(e);
        }
        runtime = steps.apply(b).build();
        return runtime;
    }

    @Test
    void runsTheRegisteredFunctionsInPlaceBetweenEnginePrimitives() {
        QueryResult r = runtime(b -> b.step("keep-even", KEEP_EVEN).step("cite", CITE))
                .run(graph(), Fixtures.ragInputs("What is topic 2?"), Fixtures.GUARD);
        @SuppressWarnings("unchecked")
        List<Passage> context = r.output(CONTEXT.name(), List.class);
        assertThat(context).isNotEmpty().allSatisfy(p -> assertThat(p.text()).matches(".*topic [02]"));
        assertThat(r.output("cited", String.class)).startsWith("answer ").endsWith("(" + context.size() + " sources)");
        assertThat(r.event("even").engine()).isEqualTo(TraceEvent.LOCAL);
        assertThat(r.event("even").primitive()).isEqualTo("Step");
        assertThat(r.event("cite").outcome()).isEqualTo(TraceEvent.Outcome.OK);
        assertThat(runtime.stepNames()).containsExactlyInAnyOrder("keep-even", "cite");
    }

    @Test
    void anUnknownStepIsRejectedBeforeAnythingRuns() {
        Ayo4jRuntime rt = runtime(b -> b.step("keep-even", KEEP_EVEN));
        assertThatThrownBy(() -> rt.run(graph(), Fixtures.ragInputs("q"), Fixtures.GUARD))
                .isInstanceOf(PlanningException.class)
                .hasMessageContaining("node cite").hasMessageContaining("step 'cite'")
                .hasMessageContaining("[keep-even]");
        assertThat(engines).allSatisfy(e -> assertThat(e.batches()).isEmpty());
    }

    @Test
    void aFailingStepFailsItsQueryNamingTheStepAndTheCause() {
        Ayo4jRuntime rt = runtime(b -> b.step("cite", CITE).step("keep-even", task -> {
            throw new IllegalStateException("the date service is down");
        }));
        assertThatThrownBy(() -> rt.run(graph(), Fixtures.ragInputs("q"), Fixtures.GUARD))
                .isInstanceOf(Ayo4jException.class)
                .hasMessageContaining("node even").hasMessageContaining("step 'keep-even'")
                .hasMessageContaining("the date service is down")
                .hasCauseInstanceOf(IllegalStateException.class);
        assertThat(engines.get(2).batches()).as("nothing after the step ran").isEmpty();
    }

    @Test
    void aStepResultOfTheWrongKindFailsTheQuery() {
        Ayo4jRuntime rt = runtime(b -> b.step("cite", CITE).step("keep-even", task -> "not a list"));
        assertThatThrownBy(() -> rt.run(graph(), Fixtures.ragInputs("q"), Fixtures.GUARD))
                .isInstanceOf(Ayo4jException.class)
                .hasMessageContaining("step 'keep-even'").hasMessageContaining("PASSAGE_LIST")
                .hasMessageContaining("String");
        Ayo4jRuntime nulls = runtime(b -> b.step("cite", CITE).step("keep-even", task -> null));
        assertThatThrownBy(() -> nulls.run(graph(), Fixtures.ragInputs("q"), Fixtures.GUARD))
                .hasMessageContaining("step 'keep-even'").hasMessageContaining("returned null");
    }

    @Test
    void cancellingTheQueryInterruptsABlockedStep() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        Ayo4jRuntime rt = runtime(b -> b.step("cite", CITE).step("keep-even", task -> {
            entered.countDown();
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                interrupted.countDown();
                throw e;
            }
            return List.of();
        }));
        CompletableFuture<QueryResult> f = rt.submit(graph(), Fixtures.ragInputs("q"), Fixtures.GUARD);
        assertThat(entered.await(30, TimeUnit.SECONDS)).isTrue();
        f.cancel(true);
        assertThat(interrupted.await(30, TimeUnit.SECONDS)).as("the step's thread was interrupted").isTrue();
    }

    @Test
    void aStepNameIsRegisteredOnce() {
        assertThatThrownBy(() -> Ayo4jRuntime.builder().step("cite", CITE).step("cite", CITE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("two steps called 'cite'");
    }
}
