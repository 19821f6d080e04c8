// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ayo4j.DeadlineExceededException;
import dev.ayo4j.app.Templates;
import dev.ayo4j.graph.NodeId;
import dev.ayo4j.graph.PrimitiveGraph;
import dev.ayo4j.primitive.AggregateMode;
import dev.ayo4j.primitive.OutputFormat;
import dev.ayo4j.primitive.Primitive;
import dev.ayo4j.primitive.ValueKind;
import dev.ayo4j.runtime.policies.BatchPolicies;
import dev.ayo4j.runtime.trace.TraceEvent;
import dev.ayo4j.spi.Passage;
import dev.ayo4j.testkit.ManualTicker;
import dev.ayo4j.testkit.TestingEngine;
import dev.ayo4j.testkit.TestingGate;
import dev.ayo4j.testkit.TestingOutputs;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

class QueryRunTest {
    private final ManualTicker ticker = new ManualTicker();
    /** The runtime a test started, closed after it. */
    @AutoClose
    private Ayo4jRuntime runtime;

    /** question -> expand prefill ~> decode item i -> embed -> search -> top-k aggregate -> output. */
    private static PrimitiveGraph pipelined(int items) {
        var b = PrimitiveGraph.builder("pipelined");
        NodeId q = b.add("question", new Primitive.Input("question", ValueKind.TEXT));
        NodeId docs = b.add("passages", new Primitive.Input("passages", ValueKind.PASSAGE_LIST));
        NodeId embedDocs = b.add("index.embed", new Primitive.Embed("engine", Fixtures.PASSAGES, 8));
        NodeId ingest = b.add("index.ingest", new Primitive.Ingest("engine", "c", Fixtures.PASSAGES));
        b.connect(docs, Primitive.Input.VALUE, embedDocs, Primitive.Embed.TEXTS.name());
        b.connect(docs, Primitive.Input.VALUE, ingest, Primitive.Ingest.PASSAGES.name());
        b.connect(embedDocs, Primitive.Embed.VECTORS, ingest, Primitive.Ingest.VECTORS);
        NodeId prefill = b.add("expand.prefill", new Primitive.Prefill("engine", Templates.expansion(items),
                OutputFormat.jsonList(items), 64, 40, false));
        b.connect(q, "value", prefill, "question");
        NodeId merge = b.add("merge", new Primitive.Aggregate(AggregateMode.TOP_K, ValueKind.PASSAGE_LIST, items, 4));
        for (int i = 0; i < items; i++) {
            NodeId item = b.add("item[" + i + "]", new Primitive.DecodeItem("engine", i, items));
            NodeId embed = b.add("embed[" + i + "]", new Primitive.Embed("engine", 1, 16));
            NodeId search = b.add("search[" + i + "]", new Primitive.VectorSearch("engine", "c", 1, 3));
            b.stream(prefill, Primitive.Prefill.GENERATION, item, Primitive.DecodeItem.GENERATION);
            b.connect(item, Primitive.DecodeItem.ITEM, embed, Primitive.Embed.TEXTS);
            b.connect(embed, Primitive.Embed.VECTORS, search, Primitive.VectorSearch.VECTORS);
            b.connect(ingest, Primitive.Ingest.INDEX, search, Primitive.VectorSearch.INDEX);
            b.connect(search, Primitive.VectorSearch.PASSAGES.name(), merge, Primitive.Aggregate.port(i));
        }
        NodeId out = b.add("output.context", new Primitive.Output("context", ValueKind.PASSAGE_LIST));
        b.connect(merge, Primitive.Aggregate.OUT, out, Primitive.Output.VALUE);
        return b.build();
    }

    private Ayo4jRuntime runtime(TestingEngine engine) {
        runtime = Ayo4jRuntime.builder().ticker(ticker).engine(engine).build();
        return runtime;
    }

    @Test
    void decodeStartsOnceThePrefillPublishesItsGeneration() throws Exception {
        TestingGate gate = new TestingGate();
        runtime(TestingEngine.builder("engine").gate(Primitive.Prefill.class, gate).build());
        CompletableFuture<QueryResult> f = runtime.submit(Fixtures.generate(), Map.of("question", "Why?"), Fixtures.GUARD);
        assertThat(gate.awaitArrivals(1, Fixtures.GUARD)).isTrue();
        ticker.advance(Duration.ofMillis(7));
        gate.release();
        QueryResult r = f.get();
        TraceEvent prefill = r.event("prefill");
        TraceEvent decode = r.event("decode");
        assertThat(decode.startNanos()).isLessThan(prefill.endNanos());
        String prompt = Templates.DRAFT_ANSWER.render(Map.of("question", "Why?"));
        assertThat(r.output("answer", String.class)).isEqualTo(TestingOutputs.answer(prompt));
    }

    @Test
    void everyDecodedItemFeedsItsOwnBranch() {
        runtime(TestingEngine.builder("engine").build());
        QueryResult r = runtime.run(pipelined(3), Fixtures.ragInputs("What about topic 3?"), Fixtures.GUARD);
        @SuppressWarnings("unchecked")
        List<Passage> context = r.output("context", List.class);
        assertThat(context).hasSizeBetween(1, 4).isSortedAccordingTo(Passage.BEST_FIRST);
        assertThat(context).extracting(Passage::id).doesNotHaveDuplicates();
        assertThat(r.trace()).allSatisfy(e -> assertThat(e.outcome()).isEqualTo(TraceEvent.Outcome.OK));
    }

    @Test
    void missingListItemsSkipTheirBranchesAndTheQueryCompletes() {
        runtime(TestingEngine.builder("engine").listItems(1).build());
        QueryResult r = runtime.run(pipelined(3), Fixtures.ragInputs("What about topic 3?"), Fixtures.GUARD);
        assertThat(r.event("item[0]").outcome()).isEqualTo(TraceEvent.Outcome.OK);
        for (String node : List.of("item[1]", "embed[1]", "search[1]", "item[2]", "embed[2]", "search[2]")) {
            assertThat(r.event(node).outcome()).as(node).isEqualTo(TraceEvent.Outcome.ABSENT);
        }
        @SuppressWarnings("unchecked")
        List<Passage> context = r.output("context", List.class);
        assertThat(context).isNotEmpty().hasSizeLessThanOrEqualTo(3);
    }

    @Test
    void noListItemsAtAllGiveAnEmptyAggregate() {
        runtime(TestingEngine.builder("engine").listItems(0).build());
        QueryResult r = runtime.run(pipelined(2), Fixtures.ragInputs("q"), Fixtures.GUARD);
        assertThat(r.output("context", List.class)).isEmpty();
    }

    @Test
    void decodeOfAShortListKeepsTheItemsThatCame() {
        Ayo4jRuntime.Builder b = Ayo4jRuntime.builder().ticker(ticker);
        for (String name : List.of("llm", "embedder", "reranker", "vectors")) {
            b.engine(TestingEngine.builder(name).listItems(name.equals("llm") ? 1 : Integer.MAX_VALUE).build());
        }
        runtime = b.build();
        QueryResult r = runtime.run(Fixtures.advancedRag(), Fixtures.ragInputs("q"), Fixtures.GUARD);
        assertThat(r.event("expand.decode").outcome()).isEqualTo(TraceEvent.Outcome.OK);
        assertThat(r.event("search.embed").tokensIn()).isPositive();
        assertThat(r.outputs()).containsKeys("answer", "context");
    }

    @Test
    void deadlineFailsTheQueryAndWithdrawsItsQueuedTasks() throws Exception {
        TestingGate gate = new TestingGate();
        runtime = Ayo4jRuntime.builder().ticker(ticker)
                .engine(TestingEngine.builder("embedder").gate(Primitive.Embed.class, gate).build()).build();
        PrimitiveGraph g = Fixtures.embedOnly("embedder");
        CompletableFuture<QueryResult> busy = runtime.submit(g, Map.of("question", "first"), Duration.ofHours(1));
        assertThat(gate.awaitArrivals(1, Fixtures.GUARD)).isTrue();
        CompletableFuture<QueryResult> late = runtime.submit(g, Map.of("question", "second"), Duration.ofMillis(100));
        assertThat(runtime.queued("embedder")).isEqualTo(1);
        ticker.advance(Duration.ofMillis(150));
        runtime.wakeUp();
        assertThatThrownBy(late::join).isInstanceOf(CompletionException.class).cause()
                .isInstanceOf(DeadlineExceededException.class).hasMessageContaining("100 ms")
                .hasMessageContaining("embed (running)");
        assertThat(runtime.queued("embedder")).isZero();
        gate.release();
        assertThat(busy.join().outputs()).containsKey("vectors");
    }

    @Test
    void cancellingTheFutureWithdrawsTheQuerysTasks() throws Exception {
        TestingGate gate = new TestingGate();
        runtime = Ayo4jRuntime.builder().ticker(ticker)
                .engine(TestingEngine.builder("embedder").gate(Primitive.Embed.class, gate).build()).build();
        PrimitiveGraph g = Fixtures.embedOnly("embedder");
        CompletableFuture<QueryResult> busy = runtime.submit(g, Map.of("question", "first"));
        assertThat(gate.awaitArrivals(1, Fixtures.GUARD)).isTrue();
        CompletableFuture<QueryResult> doomed = runtime.submit(g, Map.of("question", "second"));
        assertThat(runtime.queued("embedder")).isEqualTo(1);
        doomed.cancel(true);
        awaitQueued("embedder", 0);
        gate.release();
        busy.join();
        TestingEngine engine = (TestingEngine) runtime.scheduler("embedder").engine();
        assertThat(engine.batches()).hasSize(1);
    }

    @Test
    void batchesTasksOfConcurrentQueries() throws Exception {
        TestingGate gate = new TestingGate();
        TestingEngine engine = TestingEngine.builder("embedder").gate(Primitive.Embed.class, gate).build();
        runtime(engine);
        PrimitiveGraph g = Fixtures.embedOnly("embedder");
        List<CompletableFuture<QueryResult>> all = new ArrayList<>();
        all.add(runtime.submit(g, Map.of("question", "first")));
        assertThat(gate.awaitArrivals(1, Fixtures.GUARD)).isTrue();
        for (int i = 0; i < 20; i++) {
            all.add(runtime.submit(g, Map.of("question", "q" + i)));
        }
        awaitQueued("embedder", 20);
        gate.release();
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
        assertThat(engine.batches()).extracting(b -> b.size()).containsExactly(1, 20);
        assertThat(all.getLast().join().trace()).anySatisfy(e -> assertThat(e.batchSize()).isEqualTo(20));
    }

    /** Waits (bounded by the guard) until the engine's queue holds {@code n} tasks. */
    private void awaitQueued(String engine, int n) throws InterruptedException {
        long end = System.nanoTime() + Fixtures.GUARD.toNanos();
        while (runtime.queued(engine) != n && System.nanoTime() < end) {
            Thread.sleep(1);
        }
        assertThat(runtime.queued(engine)).isEqualTo(n);
    }
}
