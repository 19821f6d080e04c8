// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.bench.app;

import dev.ayo4j.app.Templates;
import dev.ayo4j.Ayo4jException;
import dev.ayo4j.app.App;
import dev.ayo4j.app.Apps;
import dev.ayo4j.app.Module;
import dev.ayo4j.graph.NodeId;
import dev.ayo4j.graph.PrimitiveGraph;
import dev.ayo4j.primitive.Primitive;
import dev.ayo4j.runtime.Coercions;
import dev.ayo4j.runtime.JsonListParser;
import dev.ayo4j.spi.Engine;
import dev.ayo4j.spi.Generation;
import dev.ayo4j.spi.Passage;
import dev.ayo4j.spi.Signal;
import dev.ayo4j.spi.SingleTaskCalls;
import dev.ayo4j.spi.Task;
import dev.ayo4j.spi.TaskId;
import dev.ayo4j.spi.TaskInputs;
import dev.ayo4j.spi.TaskResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * A sequential module chain, the way a module-chain framework runs an app: modules in the order they
 * were added, each finishing before the next starts, and each module one or more engine calls in
 * sequence (an LLM module prefills, then reads its generation to the end). No call overlaps another of
 * the same query and nothing is planned.
 *
 * <p>A rerank in arrival order of a search over several queries runs, as ayo4j lowers it, query by
 * query: embed, search and rerank each query's results, then join the lists in query order.
 *
 * <p>It calls the same engines with the same primitives as ayo4j's unoptimized graph (taken from the
 * lowered graph by node name, so prompts, token budgets and top-k match), so its answers equal
 * ayo4j's for the same query on a deterministic model.
 */
public final class SequentialChain implements BenchSystem {
    private static final AtomicLong IDS = new AtomicLong();

    private final App app;
    private final Map<String, SingleTaskCalls> calls = new ConcurrentHashMap<>();
    private @Nullable Engines stack;

    public SequentialChain(App app) {
        this.app = Objects.requireNonNull(app, "app");
    }

    @Override
    public String name() {
        return "sequential";
    }

    @Override
    public String describe() {
        return "hand-written sequential module chain, direct engine calls, no overlap";
    }

    @Override
    public void begin(Engines s) {
        this.stack = s;
        calls.clear();
    }

    @Override
    public QueryOutcome answer(BenchQuery query, String collection) {
        Engines s = Objects.requireNonNull(stack, "begin() first");
        long t0 = System.nanoTime();
        PrimitiveGraph graph = app.withCollection(collection).lower(AyoSystem.shape(query));
        Run run = new Run(s, graph, t0, "seq-" + IDS.incrementAndGet());
        Map<String, Object> values = new HashMap<>();
        values.put(Apps.QUESTION.name(), query.question());
        values.put(Apps.PASSAGES.name(), query.passages());
        values.put(Apps.INDEX.name(), Apps.COLLECTION_READY);
        for (Module m : app.modules()) {
            switch (m) {
                case Module.Index i -> {
                    List<Passage> passages = passages(values.get(i.passages()));
                    List<float[]> vectors = run.call(s.embedder(), i.name() + ".embed",
                            Map.of(Primitive.Embed.TEXTS.name(), passages.stream().map(Passage::text).toList()));
                    Signal index = run.call(s.vectors(), i.name() + ".ingest",
                            Map.of(Primitive.Ingest.PASSAGES.name(), passages, Primitive.Ingest.VECTORS.name(), vectors));
                    values.put(i.into(), index);
                }
                case Module.ExpandQuery e -> values.put(e.into(), JsonListParser.parse(run.generate(s.llm(), e.name(),
                        Map.of(Templates.expansion(e.n()).placeholders().getFirst(), (String) values.get(e.question())))));
                case Module.Search sr -> {
                    Object q = values.get(sr.queries());
                    List<String> texts = q instanceof String one ? List.of(one) : strings(q);
                    if (run.has(sr.name() + ".embed[0]")) {
                        // Searched per query, for a rerank in arrival order: one list per query.
                        List<List<Passage>> lists = new ArrayList<>();
                        for (int i = 0; i < texts.size(); i++) {
                            List<float[]> vectors = run.call(s.embedder(), sr.name() + ".embed[" + i + "]",
                                    Map.of(Primitive.Embed.TEXTS.name(), List.of(texts.get(i))));
                            lists.add(run.call(s.vectors(), sr.name() + ".vsearch[" + i + "]",
                                    Map.of(Primitive.VectorSearch.VECTORS.name(), vectors, Primitive.VectorSearch.INDEX.name(), values.get(sr.index()))));
                        }
                        values.put(sr.into(), new PerQuery(lists));
                    } else {
                        List<float[]> vectors = run.call(s.embedder(), sr.name() + ".embed", Map.of(Primitive.Embed.TEXTS.name(), texts));
                        List<Passage> found = run.call(s.vectors(), sr.name() + ".vsearch",
                                Map.of(Primitive.VectorSearch.VECTORS.name(), vectors, Primitive.VectorSearch.INDEX.name(), values.get(sr.index())));
                        values.put(sr.into(), found);
                    }
                }
                case Module.Rerank r -> {
                    String question = (String) values.get(r.query());
                    if (values.get(r.passages()) instanceof PerQuery(List<List<Passage>> lists)) {
                        Object[] reranked = new Object[lists.size()];
                        for (int i = 0; i < lists.size(); i++) {
                            reranked[i] = run.call(s.reranker(), r.name() + "[" + i + "]",
                                    Map.of(Primitive.Rerank.QUERY.name(), question, Primitive.Rerank.PASSAGES.name(), lists.get(i)));
                        }
                        values.put(r.into(), Coercions.arrivalJoin(reranked, r.k()));
                    } else {
                        values.put(r.into(), run.call(s.reranker(), r.name(),
                                Map.of(Primitive.Rerank.QUERY.name(), question, Primitive.Rerank.PASSAGES.name(),
                                        passages(values.get(r.passages())))));
                    }
                }
                case Module.Generate g -> {
                    Map<String, String> text = new LinkedHashMap<>();
                    for (String p : g.template().placeholders()) {
                        Object v = values.get(p);
                        text.put(p, v instanceof String str ? str : Coercions.numberedContext(passages(v)));
                    }
                    values.put(g.into(), run.generate(s.llm(), g.name(), text));
                }
                case Module.Step st -> throw new IllegalArgumentException(String.format(
                        "the sequential chain runs the built-in modules only, not step %s of app %s", st.name(),
                        app.name()));
            }
        }
        String answer = (String) values.getOrDefault(app.outputs().getFirst(), "");
        return QueryOutcome.untraced(query.index(), System.nanoTime() - t0, answer,
                AyoSystem.contextIds(values.get(Apps.CONTEXT.name())), run.spans);
    }

    @Override
    public void end() {
        stack = null;
    }

    /** The engine calls of one query, in order, with their spans. */
    private final class Run {
        private final PrimitiveGraph graph;
        private final long t0;
        private final String id;
        private final List<Span> spans = new ArrayList<>();

        Run(Engines s, PrimitiveGraph graph, long t0, String id) {
            this.graph = graph;
            this.t0 = t0;
            this.id = id;
        }

        boolean has(String node) {
            return graph.contains(NodeId.of(node));
        }

        /** Runs node {@code node}'s primitive on {@code engine} and returns its output. */
        @SuppressWarnings("unchecked")
        <T> T call(Engine engine, String node, Map<String, Object> inputs) {
            Primitive op = graph.node(NodeId.of(node)).op();
            long start = System.nanoTime();
            Object value = execute(engine, new Task(new TaskId(id, node), op, inputs, _ -> {}));
            spans.add(new Span(node, engine.name(), start - t0, System.nanoTime() - t0));
            return (T) value;
        }

        /** Prefills module {@code module}'s prompt, then reads the generation to its end. */
        String generate(Engine llm, String module, Map<String, String> placeholders) {
            String node = module + ".prefill";
            var op = (Primitive.Prefill) graph.node(NodeId.of(node)).op();
            Map<String, Object> inputs = new HashMap<>(placeholders);
            inputs.put(TaskInputs.PROMPT, op.template().render(placeholders));
            long start = System.nanoTime();
            Generation g = (Generation) execute(llm, new Task(new TaskId(id, node), op, inputs, _ -> {}));
            long prefilled = System.nanoTime();
            spans.add(new Span(node, llm.name(), start - t0, prefilled - t0));
            String text;
            try {
                text = g.text().join();
            } catch (CompletionException e) {
                throw new Ayo4jException("generation of " + node + " failed: " + e.getCause().getMessage(), e);
            }
            spans.add(new Span(module + ".decode", llm.name(), prefilled - t0, System.nanoTime() - t0));
            return text;
        }
    }

    /** The passages found for each of several search queries, kept apart for an arrival-order rerank. */
    private record PerQuery(List<List<Passage>> lists) {}

    private Object execute(Engine engine, Task task) {
        SingleTaskCalls engineCalls = calls.computeIfAbsent(engine.name(), _ -> new SingleTaskCalls(engine));
        return switch (engineCalls.call(task)) {
            case TaskResult.Success ok -> ok.value();
            case TaskResult.Failure f -> throw new Ayo4jException("engine " + engine.name() + " failed task "
                    + task.id() + ": " + f.cause().getMessage(), f.cause());
        };
    }

    @SuppressWarnings("unchecked")
    private static List<Passage> passages(@Nullable Object v) {
        return v == null ? List.of() : (List<Passage>) v;
    }

    @SuppressWarnings("unchecked")
    private static List<String> strings(@Nullable Object v) {
        return v == null ? List.of() : (List<String>) v;
    }
}
