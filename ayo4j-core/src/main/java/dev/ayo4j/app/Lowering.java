package dev.ayo4j.app;

import dev.ayo4j.GraphValidationException;
import dev.ayo4j.graph.GraphBuilder;
import dev.ayo4j.graph.NodeId;
import dev.ayo4j.graph.PortRef;
import dev.ayo4j.graph.PrimitiveGraph;
import dev.ayo4j.primitive.OutputFormat;
import dev.ayo4j.primitive.Primitive;
import dev.ayo4j.primitive.PromptTemplate;
import dev.ayo4j.primitive.ValueKind;
import java.util.HashMap;
import java.util.Map;

/**
 * Translates an {@link App} into the primitive graph of one query, the way a module-chain framework
 * runs it: each module becomes its primitives, data bindings become edges, and consecutive modules
 * are also ordered (last primitive of one before the first of the next), data or not.
 */
public final class Lowering {
    /** Tokens assumed for one rewritten search query. */
    static final int QUERY_TOKENS = 16;

    private Lowering() {}

    /** Where a value comes from, and how big it is expected to be. */
    private record Producer(PortRef port, ValueKind kind, int count, int tokens) {}

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
            values.put(name, new Producer(PortRef.of(id, "value"), kind, count, tokens));
        });
        EngineNames e = app.engines();
        NodeId previous = null;
        for (Module m : app.modules()) {
            Span span = switch (m) {
                case Module.Index i -> index(b, app, e, i, values, shape);
                case Module.ExpandQuery q -> expand(b, e, q, values);
                case Module.Search s -> search(b, app, e, s, values);
                case Module.Rerank r -> rerank(b, e, r, values);
                case Module.Generate g -> generate(b, e, g, values);
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
            NodeId id = b.add("output." + out, new Primitive.Output(out, p.kind()));
            b.connect(p.port().node(), p.port().port(), id, "value");
        }
        return b.build();
    }

    private static Span index(GraphBuilder b, App app, EngineNames e, Module.Index m, Map<String, Producer> values,
                              QueryShape shape) {
        Producer passages = values.get(m.passages());
        if (passages.count() == 0) {
            throw new GraphValidationException(String.format(
                    "app %s: module %s indexes '%s', but this query has no passages", app.name(), m.name(),
                    m.passages()));
        }
        NodeId embed = b.add(m.name() + ".embed", new Primitive.Embed(e.embedder(), passages.count(),
                Math.max(1, passages.tokens() / passages.count())));
        NodeId ingest = b.add(m.name() + ".ingest", new Primitive.Ingest(e.vectors(), app.collection(),
                passages.count()));
        bind(b, passages, embed, "texts");
        bind(b, passages, ingest, "passages");
        b.connect(embed, "vectors", ingest, "vectors");
        values.put(m.into(), new Producer(PortRef.of(ingest, "index"), ValueKind.SIGNAL, 1, 1));
        return new Span(embed, ingest);
    }

    private static Span expand(GraphBuilder b, EngineNames e, Module.ExpandQuery m, Map<String, Producer> values) {
        Producer question = values.get(m.question());
        PromptTemplate template = Templates.expansion(m.n());
        int maxTokens = m.n() * (QUERY_TOKENS + 8) + 8;
        NodeId prefill = b.add(m.name() + ".prefill", new Primitive.Prefill(e.llm(), template,
                OutputFormat.jsonList(m.n()), maxTokens, Templates.tokens(template) + question.tokens(), false));
        NodeId decode = b.add(m.name() + ".decode", new Primitive.Decode(e.llm(), OutputFormat.jsonList(m.n()),
                maxTokens));
        bind(b, question, prefill, "question");
        b.stream(prefill, "generation", decode, "generation");
        values.put(m.into(), new Producer(PortRef.of(decode, "items"), ValueKind.TEXT_LIST, m.n(),
                m.n() * QUERY_TOKENS));
        return new Span(prefill, decode);
    }

    private static Span search(GraphBuilder b, App app, EngineNames e, Module.Search m, Map<String, Producer> values) {
        Producer queries = values.get(m.queries());
        Producer index = values.get(m.index());
        int perQuery = Math.max(1, queries.tokens() / queries.count());
        NodeId embed = b.add(m.name() + ".embed", new Primitive.Embed(e.embedder(), queries.count(), perQuery));
        NodeId lookup = b.add(m.name() + ".vsearch", new Primitive.VectorSearch(e.vectors(), app.collection(),
                queries.count(), m.k()));
        bind(b, queries, embed, "texts");
        b.connect(embed, "vectors", lookup, "vectors");
        bind(b, index, lookup, "index");
        int found = queries.count() * m.k();
        values.put(m.into(), new Producer(PortRef.of(lookup, "passages"), ValueKind.PASSAGE_LIST, found,
                found * 150));
        return new Span(embed, lookup);
    }

    private static Span rerank(GraphBuilder b, EngineNames e, Module.Rerank m, Map<String, Producer> values) {
        Producer query = values.get(m.query());
        Producer passages = values.get(m.passages());
        NodeId rerank = b.add(m.name(), new Primitive.Rerank(e.reranker(), passages.count(), m.k()));
        bind(b, query, rerank, "query");
        bind(b, passages, rerank, "passages");
        int kept = Math.min(m.k(), passages.count());
        int perPassage = Math.max(1, passages.tokens() / passages.count());
        values.put(m.into(), new Producer(PortRef.of(rerank, "passages"), ValueKind.PASSAGE_LIST, kept,
                kept * perPassage));
        return new Span(rerank, rerank);
    }

    private static Span generate(GraphBuilder b, EngineNames e, Module.Generate m, Map<String, Producer> values) {
        int promptTokens = Templates.tokens(m.template());
        for (String p : m.template().placeholders()) {
            promptTokens += values.get(p).tokens();
        }
        NodeId prefill = b.add(m.name() + ".prefill", new Primitive.Prefill(e.llm(), m.template(),
                OutputFormat.text(), m.maxTokens(), promptTokens, false));
        NodeId decode = b.add(m.name() + ".decode", new Primitive.Decode(e.llm(), OutputFormat.text(),
                m.maxTokens()));
        for (String p : m.template().placeholders()) {
            bind(b, values.get(p), prefill, p);
        }
        b.stream(prefill, "generation", decode, "generation");
        values.put(m.into(), new Producer(PortRef.of(decode, "text"), ValueKind.TEXT, 1, m.maxTokens()));
        return new Span(prefill, decode);
    }

    private static void bind(GraphBuilder b, Producer from, NodeId to, String port) {
        b.connect(from.port().node(), from.port().port(), to, port);
    }
}
