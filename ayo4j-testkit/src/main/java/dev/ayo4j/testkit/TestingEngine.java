// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.testkit;

import dev.ayo4j.Checks;
import dev.ayo4j.NonRetriableEngineException;
import dev.ayo4j.primitive.OutputFormat;
import dev.ayo4j.primitive.Primitive;
import dev.ayo4j.spi.Batch;
import dev.ayo4j.spi.Engine;
import dev.ayo4j.spi.EngineCapabilities;
import dev.ayo4j.spi.GenerationStream;
import dev.ayo4j.spi.Passage;
import dev.ayo4j.spi.Signal;
import dev.ayo4j.spi.Task;
import dev.ayo4j.spi.TaskInputs;
import dev.ayo4j.spi.TaskResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * Deterministic in-memory engine that serves every engine primitive, for scheduling tests and
 * property tests. Outputs depend only on inputs (see {@link TestingOutputs}), so two runs of a graph,
 * optimized or not, must agree.
 *
 * <p>It records every batch it receives, can fail chosen tasks (as a {@link TaskResult.Failure}) or
 * throw for a whole batch, can hold tasks at a {@link TestingGate} (a prefill holds after publishing
 * its generation), and can emit fewer JSON-list items than asked. Thread-safe; vector collections are
 * shared across queries, as in a real store.
 */
public final class TestingEngine implements Engine {
    /** Every primitive that runs on an engine. */
    public static final Set<Class<? extends Primitive>> ENGINE_PRIMITIVES = Set.of(Primitive.Embed.class,
            Primitive.Ingest.class, Primitive.VectorSearch.class, Primitive.Rerank.class, Primitive.Prefill.class,
            Primitive.PartialPrefill.class);

    private final String name;
    private final EngineCapabilities capabilities;
    private final int listItems;
    private final int chunkChars;
    private final Predicate<Task> failWhen;
    private final Predicate<Task> throwWhen;
    private final Map<Class<? extends Primitive>, TestingGate> gates;
    private final boolean sendsTraceContext;
    private final List<Batch> batches = new CopyOnWriteArrayList<>();
    private final Map<String, Map<String, Stored>> collections = new ConcurrentHashMap<>();
    private final AtomicInteger closes = new AtomicInteger();

    private record Stored(Passage passage, float[] vector) {}

    private TestingEngine(Builder b) {
        this.name = b.name;
        this.capabilities = new EngineCapabilities(b.primitives, b.maxBatchSize, b.maxBatchTokens, b.maxConcurrency);
        this.listItems = b.listItems;
        this.chunkChars = b.chunkChars;
        this.failWhen = b.failWhen;
        this.throwWhen = b.throwWhen;
        this.gates = Map.copyOf(b.gates);
        this.sendsTraceContext = b.sendsTraceContext;
    }

    /** A builder of an engine called {@code name}. */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    @Override
    public String name() {
        return name;
    }

    /** As the builder said: whether the engine stands for one that sends its tasks' trace context to a server. */
    @Override
    public boolean sendsTraceContext() {
        return sendsTraceContext;
    }

    @Override
    public EngineCapabilities capabilities() {
        return capabilities;
    }

    /** Every batch received so far, in arrival order. */
    public List<Batch> batches() {
        return List.copyOf(batches);
    }

    /** Batches that carried at least one task of {@code kind}. */
    public List<Batch> batchesOf(Class<? extends Primitive> kind) {
        return batches.stream().filter(b -> b.tasks().stream().anyMatch(t -> kind.isInstance(t.op()))).toList();
    }

    /** How many times {@link #close()} was called. */
    public int closeCount() {
        return closes.get();
    }

    @Override
    public List<TaskResult> execute(Batch batch) {
        batches.add(batch);
        for (Task t : batch.tasks()) {
            if (throwWhen.test(t)) {
                throw new IllegalStateException("testing engine " + name + " is broken for " + t.op().kindName()
                        + " of " + t.id());
            }
        }
        List<TaskResult> results = new ArrayList<>(batch.size());
        for (Task t : batch.tasks()) {
            results.add(executeOne(t));
        }
        return results;
    }

    private TaskResult executeOne(Task t) {
        if (failWhen.test(t)) {
            return TaskResult.failure(new NonRetriableEngineException("testing engine " + name + " fails "
                    + t.op().kindName() + " of " + t.id() + " as configured"));
        }
        try {
            return switch (t.op()) {
                case Primitive.Embed _ -> embed(t);
                case Primitive.Ingest i -> ingest(t, i);
                case Primitive.VectorSearch s -> search(t, s);
                case Primitive.Rerank r -> rerank(t, r);
                case Primitive.Prefill p -> prefill(t, p);
                case Primitive.PartialPrefill _ -> {
                    hold(t);
                    String prefix = TaskInputs.prompt(t);
                    yield TaskResult.success(Signal.done("warm " + TestingOutputs.hex(prefix)),
                            TestingOutputs.tokens(prefix), 0);
                }
                case Primitive.Input _, Primitive.Output _, Primitive.Decode _, Primitive.DecodeItem _, Primitive.Step _,
                     Primitive.Aggregate _ -> TaskResult.failure(new NonRetriableEngineException(
                        "testing engine " + name + " does not execute " + t.op().kindName() + " (" + t.id() + ")"));
            };
        } catch (RuntimeException e) {
            return TaskResult.failure(new NonRetriableEngineException("testing engine " + name + " failed "
                    + t.op().kindName() + " of " + t.id() + ": " + e.getMessage(), e));
        }
    }

    private TaskResult embed(Task t) {
        hold(t);
        List<String> texts = t.input(Primitive.Embed.TEXTS);
        List<float[]> vectors = new ArrayList<>(texts.size());
        int tokens = 0;
        for (String s : texts) {
            vectors.add(TestingOutputs.vector(s));
            tokens += TestingOutputs.tokens(s);
        }
        return TaskResult.success(List.copyOf(vectors), tokens, 0);
    }

    private TaskResult ingest(Task t, Primitive.Ingest op) {
        hold(t);
        List<Passage> passages = t.input(Primitive.Ingest.PASSAGES);
        List<float[]> vectors = t.input(Primitive.Ingest.VECTORS);
        Checks.argument(passages.size() == vectors.size(), "%s passages but %s vectors", passages.size(),
                vectors.size());
        // A reranker's passage vectors hoisted to ingestion are stored with the passages, as a real store keeps them.
        List<float[]> rerankVectors = op.reranker() == null ? null : t.input(Primitive.Ingest.RERANK_VECTORS);
        Map<String, Stored> store = collections.computeIfAbsent(op.collection(), _ -> new ConcurrentHashMap<>());
        for (int i = 0; i < passages.size(); i++) {
            Passage p = rerankVectors == null ? passages.get(i)
                    : passages.get(i).withRerankVector(new Passage.RerankVector(op.reranker(), rerankVectors.get(i)));
            store.putIfAbsent(p.id(), new Stored(p, vectors.get(i)));
        }
        return TaskResult.success(Signal.done(passages.size() + " passages in " + op.collection()));
    }

    private TaskResult search(Task t, Primitive.VectorSearch op) {
        hold(t);
        List<float[]> queries = t.input(Primitive.VectorSearch.VECTORS);
        Map<String, Stored> store = collections.getOrDefault(op.collection(), Map.of());
        Map<String, Passage> best = new HashMap<>();
        for (float[] q : queries) {
            List<Passage> scored = new ArrayList<>(store.size());
            for (Stored s : store.values()) {
                scored.add(s.passage().withScore(TestingOutputs.dot(q, s.vector())));
            }
            scored.sort(Passage.BEST_FIRST);
            for (Passage p : scored.subList(0, Math.min(op.topK(), scored.size()))) {
                best.merge(p.id(), p, (a, b) -> a.score() >= b.score() ? a : b);
            }
        }
        List<Passage> out = new ArrayList<>(best.values());
        out.sort(Passage.BEST_FIRST);
        return TaskResult.success(List.copyOf(out), queries.size(), 0);
    }

    private TaskResult rerank(Task t, Primitive.Rerank op) {
        hold(t);
        String query = t.input(Primitive.Rerank.QUERY);
        List<Passage> passages = t.input(Primitive.Rerank.PASSAGES);
        Map<String, Passage> byId = new LinkedHashMap<>();
        for (Passage p : passages) {
            byId.putIfAbsent(p.id(), p.withScore(TestingOutputs.unit(query + "\u0000" + p.id())));
        }
        List<Passage> out = new ArrayList<>(byId.values());
        out.sort(Passage.BEST_FIRST);
        return TaskResult.success(List.copyOf(out.subList(0, Math.min(op.topK(), out.size()))), passages.size(), 0);
    }

    private TaskResult prefill(Task t, Primitive.Prefill op) {
        String prompt = TaskInputs.prompt(t);
        GenerationStream stream = new GenerationStream();
        t.publish().accept(stream);
        hold(t);
        stream.markPrefilled(TestingOutputs.tokens(prompt));
        String text = switch (op.format()) {
            case OutputFormat.FreeText _ -> TestingOutputs.answer(prompt);
            case OutputFormat.JsonList(int n) -> TestingOutputs.jsonList(prompt, Math.min(n, listItems));
        };
        int generated = 0;
        for (int i = 0; i < text.length(); i += chunkChars) {
            stream.append(text.substring(i, Math.min(text.length(), i + chunkChars)), 1);
            generated++;
        }
        stream.complete();
        return TaskResult.success(stream, TestingOutputs.tokens(prompt), generated);
    }

    private void hold(Task t) {
        TestingGate gate = gates.get(t.op().getClass());
        if (gate != null) {
            gate.pass();
        }
    }

    @Override
    public void close() {
        closes.incrementAndGet();
    }

    @Override
    public String toString() {
        return "TestingEngine(" + name + ")";
    }

    /** Builder of a {@link TestingEngine}; every setting has a documented default. */
    public static final class Builder {
        /** Default most tasks per batch. */
        public static final int DEFAULT_MAX_BATCH = 64;
        /** Default most tokens per batch. */
        public static final int DEFAULT_MAX_BATCH_TOKENS = 1 << 20;
        /** Default most concurrent batches. */
        public static final int DEFAULT_MAX_CONCURRENCY = 1;
        /** Default characters per streamed chunk. */
        public static final int DEFAULT_CHUNK_CHARS = 7;

        private final String name;
        private Set<Class<? extends Primitive>> primitives = ENGINE_PRIMITIVES;
        private int maxBatchSize = DEFAULT_MAX_BATCH;
        private int maxBatchTokens = DEFAULT_MAX_BATCH_TOKENS;
        private int maxConcurrency = DEFAULT_MAX_CONCURRENCY;
        private int listItems = Integer.MAX_VALUE;
        private int chunkChars = DEFAULT_CHUNK_CHARS;
        private Predicate<Task> failWhen = _ -> false;
        private Predicate<Task> throwWhen = _ -> false;
        private final Map<Class<? extends Primitive>, TestingGate> gates = new HashMap<>();
        private boolean sendsTraceContext;

        private Builder(String name) {
            this.name = Objects.requireNonNull(name, "name");
        }

        /** Primitive classes served (default: {@link #ENGINE_PRIMITIVES}). */
        public Builder primitives(Set<Class<? extends Primitive>> classes) {
            this.primitives = Set.copyOf(classes);
            return this;
        }

        public Builder maxBatchSize(int n) {
            Checks.argument(n > 0, "maxBatchSize must be > 0: %s", n);
            this.maxBatchSize = n;
            return this;
        }

        public Builder maxBatchTokens(int n) {
            Checks.argument(n > 0, "maxBatchTokens must be > 0: %s", n);
            this.maxBatchTokens = n;
            return this;
        }

        public Builder maxConcurrency(int n) {
            Checks.argument(n > 0, "maxConcurrency must be > 0: %s", n);
            this.maxConcurrency = n;
            return this;
        }

        /** Emit at most {@code n} items for a JSON-list generation, to test missing branches. */
        public Builder listItems(int n) {
            Checks.argument(n >= 0, "listItems must be >= 0: %s", n);
            this.listItems = n;
            return this;
        }

        /** Characters per streamed chunk (default {@link #DEFAULT_CHUNK_CHARS}). */
        public Builder chunkChars(int n) {
            Checks.argument(n > 0, "chunkChars must be > 0: %s", n);
            this.chunkChars = n;
            return this;
        }

        /** Tasks matching {@code which} get a {@link TaskResult.Failure}; their batch-mates do not. */
        public Builder failWhen(Predicate<Task> which) {
            this.failWhen = this.failWhen.or(which);
            return this;
        }

        /** Every task of {@code kind} fails. */
        public Builder failOn(Class<? extends Primitive> kind) {
            return failWhen(t -> kind.isInstance(t.op()));
        }

        /** Tasks of the node called {@code node} fail, in every query. */
        public Builder failNode(String node) {
            return failWhen(t -> t.id().node().equals(node));
        }

        /** {@code execute} throws for any batch holding a task that matches {@code which}. */
        public Builder throwWhen(Predicate<Task> which) {
            this.throwWhen = this.throwWhen.or(which);
            return this;
        }

        /** {@code execute} throws for any batch holding a task of {@code kind}. */
        public Builder throwOn(Class<? extends Primitive> kind) {
            return throwWhen(t -> kind.isInstance(t.op()));
        }

        /** Tasks of {@code kind} wait at {@code gate}; a prefill waits after publishing its generation. */
        public Builder gate(Class<? extends Primitive> kind, TestingGate gate) {
            gates.put(kind, Objects.requireNonNull(gate, "gate"));
            return this;
        }

        /**
         * Stand for a remote engine that sends each task's trace context (default: false, an in-process one);
         * the tasks it records then carry the contexts the run listener gave them.
         */
        public Builder sendsTraceContext(boolean v) {
            this.sendsTraceContext = v;
            return this;
        }

        public TestingEngine build() {
            return new TestingEngine(this);
        }
    }
}
