// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.app;

import dev.ayo4j.GraphValidationException;
import dev.ayo4j.graph.Edge;
import dev.ayo4j.graph.GraphBuilder;
import dev.ayo4j.graph.NodeId;
import dev.ayo4j.graph.PortRef;
import dev.ayo4j.graph.PrimitiveGraph;
import dev.ayo4j.graph.Slice;
import dev.ayo4j.primitive.AggregateMode;
import dev.ayo4j.primitive.OutputFormat;
import dev.ayo4j.primitive.Port;
import dev.ayo4j.primitive.Primitive;
import dev.ayo4j.primitive.RerankScoring;
import dev.ayo4j.primitive.PromptTemplate;
import dev.ayo4j.primitive.ValueKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Translates an {@link App} into the primitive graph of one query, the way a module-chain framework
 * runs it: each module becomes its primitives, data bindings become edges, and consecutive modules
 * are also ordered (last primitive of one before the first of the next), data or not.
 *
 * <p>A rerank in {@link ContextOrder#ARRIVAL} order of the results of a search over several queries
 * needs each query's results apart, so that search and rerank lower per query: query i of the list is
 * read through an edge slice {@code [i:i+1]}, and an {@link AggregateMode#ARRIVAL} aggregate joins
 * the reranked lists in query order.
 */
public final class Lowering {
    /** Tokens assumed for one rewritten search query. */
    static final int QUERY_TOKENS = 16;
    /** Tokens assumed for one retrieved passage. */
    static final int PASSAGE_TOKENS = 150;

    private Lowering() {}

    /**
     * Where a value comes from, and how big it is expected to be. A search in per-query form has no
     * single port: {@code branches} holds one passage list per query, which only a rerank can read.
     */
    private record Producer(@Nullable PortRef port, ValueKind kind, int count, int tokens, List<PortRef> branches) {
        Producer(PortRef port, ValueKind kind, int count, int tokens) {
            this(port, kind, count, tokens, List.of());
        }

        PortRef port(String value, String consumer) {
            if (port == null) {
                throw new GraphValidationException(String.format(
                        "%s reads '%s', which is searched per query for an arrival-order rerank and only "
                                + "that rerank can read it", consumer, value));
            }
            return port;
        }
    }

    /** First and last primitive of a lowered module. */
    private record Span(NodeId first, NodeId last) {}

    public static PrimitiveGraph lower(App app, QueryShape shape) {
        GraphBuilder b = PrimitiveGraph.builder(app.name());
        Map<String, Producer> values = new HashMap<>();
        app.inputs().forEach((name, kind) -> {
            NodeId id = b.add(name, new Primitive.Input(name, kind));
            int count = kind == ValueKind.PASSAGE_LIST ? shape.passages() : 1;
            int tokens = kind == ValueKind.PASSAGE_LIST ? shape.passages() * shape.passageTokens()
                    : shape.questionTokens();
            values.put(name, new Producer(PortRef.of(id, Primitive.Input.VALUE), kind, count, tokens));
        });
        EngineBinding e = app.engines();
        Set<String> perQuery = new HashSet<>();
        for (Module m : app.modules()) {
            if (m instanceof Module.Rerank r && r.order() == ContextOrder.ARRIVAL) {
                perQuery.add(r.passages());
            }
        }
        NodeId previous = null;
        for (Module m : app.modules()) {
            Span span = switch (m) {
                case Module.Index i -> index(b, app, e, i, values, shape);
                case Module.ExpandQuery q -> expand(b, e, q, values);
                case Module.Search s -> perQuery.contains(s.into()) && values.get(s.queries()).count() > 1
                        ? searchPerQuery(b, app, e, s, values) : search(b, app, e, s, values);
                case Module.Rerank r -> rerank(b, e, r, values);
                case Module.Generate g -> generate(b, e, g, values);
                case Module.Step s -> step(b, s, values);
            };
            NodeId prev = previous;
            if (prev != null && b.edges().stream().noneMatch(
                    x -> x.from().node().equals(prev) && x.to().node().equals(span.first()))) {
                b.order(prev, span.first());
            }
            previous = span.last();
        }
        for (String out : app.outputs()) {
            Producer p = values.get(out);
            PortRef from = p.port(out, "output " + out);
            NodeId id = b.add("output." + out, new Primitive.Output(out, p.kind()));
            b.connect(from.node(), from.port(), id, Primitive.Output.VALUE);
        }
        return b.build();
    }

    private static Span index(GraphBuilder b, App app, EngineBinding e, Module.Index m, Map<String, Producer> values,
                              QueryShape shape) {
        Producer passages = values.get(m.passages());
        if (passages.count() == 0) {
            throw new GraphValidationException(String.format(
                    "app %s: module %s indexes '%s', but this query has no passages", app.name(), m.name(),
                    m.passages()));
        }
        NodeId embed = b.add(m.name() + ".embed", new Primitive.Embed(e.engine(m.name(), Role.EMBEDDER), passages.count(),
                Math.max(1, passages.tokens() / passages.count())));
        NodeId ingest = b.add(m.name() + ".ingest", new Primitive.Ingest(e.engine(m.name(), Role.VECTORS), app.collection(),
                passages.count()));
        bind(b, passages, embed, Primitive.Embed.TEXTS.name());
        bind(b, passages, ingest, Primitive.Ingest.PASSAGES.name());
        b.connect(embed, Primitive.Embed.VECTORS, ingest, Primitive.Ingest.VECTORS);
        values.put(m.into(), new Producer(PortRef.of(ingest, Primitive.Ingest.INDEX), ValueKind.SIGNAL, 1, 1));
        return new Span(embed, ingest);
    }

    private static Span expand(GraphBuilder b, EngineBinding e, Module.ExpandQuery m, Map<String, Producer> values) {
        Producer question = values.get(m.question());
        PromptTemplate template = Templates.expansion(m.n());
        int maxTokens = m.n() * (QUERY_TOKENS + 8) + 8;
        NodeId prefill = b.add(m.name() + ".prefill", new Primitive.Prefill(e.engine(m.name(), Role.LLM), template,
                OutputFormat.jsonList(m.n()), maxTokens, Templates.tokens(template) + question.tokens(), false));
        NodeId decode = b.add(m.name() + ".decode", new Primitive.Decode(e.engine(m.name(), Role.LLM), OutputFormat.jsonList(m.n()),
                maxTokens));
        bind(b, question, prefill, template.placeholders().getFirst());
        b.stream(prefill, Primitive.Prefill.GENERATION, decode, Primitive.Decode.GENERATION);
        values.put(m.into(), new Producer(PortRef.of(decode, Primitive.Decode.ITEMS), ValueKind.TEXT_LIST, m.n(),
                m.n() * QUERY_TOKENS));
        return new Span(prefill, decode);
    }

    private static Span search(GraphBuilder b, App app, EngineBinding e, Module.Search m, Map<String, Producer> values) {
        Producer queries = values.get(m.queries());
        Producer index = values.get(m.index());
        int perQuery = Math.max(1, queries.tokens() / queries.count());
        NodeId embed = b.add(m.name() + ".embed", new Primitive.Embed(e.engine(m.name(), Role.EMBEDDER), queries.count(), perQuery));
        NodeId lookup = b.add(m.name() + ".vsearch", new Primitive.VectorSearch(e.engine(m.name(), Role.VECTORS), app.collection(),
                queries.count(), m.k()));
        bind(b, queries, embed, Primitive.Embed.TEXTS.name());
        b.connect(embed, Primitive.Embed.VECTORS, lookup, Primitive.VectorSearch.VECTORS);
        bind(b, index, lookup, Primitive.VectorSearch.INDEX.name());
        int found = queries.count() * m.k();
        values.put(m.into(), new Producer(PortRef.of(lookup, Primitive.VectorSearch.PASSAGES), ValueKind.PASSAGE_LIST, found,
                found * PASSAGE_TOKENS));
        return new Span(embed, lookup);
    }

    /**
     * A search over a list of n queries as n branches, query i read by an edge slice {@code [i:i+1]}:
     * how a framework loops "for each query: search" when each query's results are kept apart.
     */
    private static Span searchPerQuery(GraphBuilder b, App app, EngineBinding e, Module.Search m,
                                       Map<String, Producer> values) {
        Producer queries = values.get(m.queries());
        Producer index = values.get(m.index());
        int n = queries.count();
        int perQuery = Math.max(1, queries.tokens() / n);
        PortRef from = queries.port(m.queries(), "module " + m.name());
        List<PortRef> branches = new ArrayList<>(n);
        NodeId first = null;
        NodeId last = null;
        for (int i = 0; i < n; i++) {
            String suffix = "[" + i + "]";
            NodeId embed = b.add(m.name() + ".embed" + suffix, new Primitive.Embed(e.engine(m.name(), Role.EMBEDDER), 1, perQuery));
            NodeId lookup = b.add(m.name() + ".vsearch" + suffix, new Primitive.VectorSearch(e.engine(m.name(), Role.VECTORS),
                    app.collection(), 1, m.k()));
            b.edge(Edge.sliced(from, PortRef.of(embed, Primitive.Embed.TEXTS), new Slice(i, i + 1)));
            b.connect(embed, Primitive.Embed.VECTORS, lookup, Primitive.VectorSearch.VECTORS);
            bind(b, index, lookup, Primitive.VectorSearch.INDEX.name());
            branches.add(PortRef.of(lookup, Primitive.VectorSearch.PASSAGES));
            first = first == null ? embed : first;
            last = lookup;
        }
        values.put(m.into(), new Producer(null, ValueKind.PASSAGE_LIST, n * m.k(), n * m.k() * PASSAGE_TOKENS, branches));
        return new Span(first, last);
    }

    private static Span rerank(GraphBuilder b, EngineBinding e, Module.Rerank m, Map<String, Producer> values) {
        Producer query = values.get(m.query());
        Producer passages = values.get(m.passages());
        if (!passages.branches().isEmpty()) {
            return rerankPerQuery(b, e, m, query, passages, values);
        }
        NodeId rerank = b.add(m.name(), new Primitive.Rerank(e.engine(m.name(), Role.RERANKER), passages.count(), m.k(),
                RerankScoring.SIMILARITY, false));
        bind(b, query, rerank, Primitive.Rerank.QUERY.name());
        bind(b, passages, rerank, Primitive.Rerank.PASSAGES.name());
        int kept = Math.min(m.k(), passages.count());
        int perPassage = Math.max(1, passages.tokens() / passages.count());
        values.put(m.into(), new Producer(PortRef.of(rerank, Primitive.Rerank.PASSAGES), ValueKind.PASSAGE_LIST, kept,
                kept * perPassage));
        return new Span(rerank, rerank);
    }

    /** One rerank per query's branch, joined in query order by an {@link AggregateMode#ARRIVAL} aggregate. */
    private static Span rerankPerQuery(GraphBuilder b, EngineBinding e, Module.Rerank m, Producer query,
                                       Producer passages, Map<String, Producer> values) {
        int n = passages.branches().size();
        int perBranch = Math.max(1, passages.count() / n);
        NodeId join = b.add(m.name() + ".arrival", new Primitive.Aggregate(AggregateMode.ARRIVAL,
                ValueKind.PASSAGE_LIST, n, m.k()));
        NodeId first = null;
        for (int i = 0; i < n; i++) {
            NodeId rerank = b.add(m.name() + "[" + i + "]", new Primitive.Rerank(e.engine(m.name(), Role.RERANKER), perBranch, m.k(),
                    RerankScoring.SIMILARITY, false));
            bind(b, query, rerank, Primitive.Rerank.QUERY.name());
            PortRef branch = passages.branches().get(i);
            b.connect(branch.node(), branch.port(), rerank, Primitive.Rerank.PASSAGES.name());
            b.connect(rerank, Primitive.Rerank.PASSAGES.name(), join, Primitive.Aggregate.port(i));
            first = first == null ? rerank : first;
        }
        int kept = Math.min(m.k(), passages.count());
        int perPassage = Math.max(1, passages.tokens() / passages.count());
        values.put(m.into(), new Producer(PortRef.of(join, Primitive.Aggregate.OUT), ValueKind.PASSAGE_LIST, kept, kept * perPassage));
        return new Span(first, join);
    }

    private static Span generate(GraphBuilder b, EngineBinding e, Module.Generate m, Map<String, Producer> values) {
        int promptTokens = Templates.tokens(m.template());
        for (String p : m.template().placeholders()) {
            promptTokens += values.get(p).tokens();
        }
        NodeId prefill = b.add(m.name() + ".prefill", new Primitive.Prefill(e.engine(m.name(), Role.LLM), m.template(),
                OutputFormat.text(), m.maxTokens(), promptTokens, false));
        NodeId decode = b.add(m.name() + ".decode", new Primitive.Decode(e.engine(m.name(), Role.LLM), OutputFormat.text(),
                m.maxTokens()));
        for (String p : m.template().placeholders()) {
            bind(b, values.get(p), prefill, p);
        }
        b.stream(prefill, Primitive.Prefill.GENERATION, decode, Primitive.Decode.GENERATION);
        values.put(m.into(), new Producer(PortRef.of(decode, Primitive.Decode.TEXT), ValueKind.TEXT, 1, m.maxTokens()));
        return new Span(prefill, decode);
    }

    /**
     * One {@link Primitive.Step} whose ports are named after the values it reads; a list result is
     * estimated as large as its largest list input (a filter keeps at most what it is given).
     */
    private static Span step(GraphBuilder b, Module.Step m, Map<String, Producer> values) {
        List<Port<?>> params = new ArrayList<>(m.inputs().size());
        int count = 1;
        int tokens = 0;
        for (String v : m.inputs()) {
            Producer p = values.get(v);
            params.add(Port.of(v, p.kind()));
            count = Math.max(count, p.count());
            tokens += p.tokens();
        }
        NodeId id = b.add(m.name(), new Primitive.Step(m.step(), params, m.kind()));
        for (String v : m.inputs()) {
            bind(b, values.get(v), id, v);
        }
        values.put(m.into(), new Producer(PortRef.of(id, Primitive.Step.RESULT), m.kind(),
                m.kind().isList() ? count : 1, Math.max(1, tokens)));
        return new Span(id, id);
    }

    private static void bind(GraphBuilder b, Producer from, NodeId to, String port) {
        PortRef p = from.port(port, "node " + to);
        b.connect(p.node(), p.port(), to, port);
    }
}
