// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.plan;

import dev.ayo4j.Checks;
import dev.ayo4j.graph.GraphBuilder;
import dev.ayo4j.graph.NodeId;
import dev.ayo4j.graph.PrimitiveGraph;
import dev.ayo4j.primitive.OutputFormat;
import dev.ayo4j.primitive.Primitive;
import dev.ayo4j.primitive.PromptTemplate;
import dev.ayo4j.primitive.ValueKind;

/**
 * Immutable recipe for small hand-built primitive graphs that rule tests start from; vary it with
 * the {@code withX} methods.
 *
 * @param name          graph name
 * @param passages      passages indexed
 * @param passageTokens tokens per passage
 * @param expansions    items of a generated query list
 * @param searchK       passages kept per search query
 * @param rerankK       passages kept by rerank
 */
public record GraphFixture(String name, int passages, int passageTokens, int expansions, int searchK, int rerankK) {
    /** 666 passages of 150 tokens, 3 expansions, top-20 search, rerank to 3. */
    public static final GraphFixture DEFAULT = new GraphFixture("fixture", 666, 150, 3, 20, 3);

    public static final String LLM = "llm";
    public static final String EMBEDDER = "embedder";
    public static final String VECTORS = "vectors";
    public static final String RERANKER = "reranker";
    public static final String COLLECTION = "docs";

    public GraphFixture {
        Checks.argument(passages > 0 && passageTokens > 0 && expansions > 0 && searchK > 0 && rerankK > 0,
                "fixture sizes must be > 0");
    }

    public GraphFixture withName(String n) {
        return new GraphFixture(n, passages, passageTokens, expansions, searchK, rerankK);
    }

    public GraphFixture withPassages(int n) {
        return new GraphFixture(name, n, passageTokens, expansions, searchK, rerankK);
    }

    public GraphFixture withExpansions(int n) {
        return new GraphFixture(name, passages, passageTokens, n, searchK, rerankK);
    }

    public GraphFixture withSearchK(int k) {
        return new GraphFixture(name, passages, passageTokens, expansions, k, rerankK);
    }

    /** A fresh builder for a graph of this fixture's name. */
    public GraphBuilder builder() {
        return PrimitiveGraph.builder(name);
    }

    /** Adds {@code passages -> index.embed -> index.ingest}; returns the ingest. */
    public NodeId addIndex(GraphBuilder b, NodeId passagesInput) {
        NodeId embed = b.add("index.embed", new Primitive.Embed(EMBEDDER, passages, passageTokens));
        NodeId ingest = b.add("index.ingest", new Primitive.Ingest(VECTORS, COLLECTION, passages));
        b.connect(passagesInput, Primitive.Input.VALUE, embed, Primitive.Embed.TEXTS.name());
        b.connect(passagesInput, Primitive.Input.VALUE, ingest, Primitive.Ingest.PASSAGES.name());
        b.connect(embed, Primitive.Embed.VECTORS, ingest, Primitive.Ingest.VECTORS);
        return ingest;
    }

    /** {@code passages -> embed -> ingest -> output(index)}: an index and nothing else on the embedder. */
    public PrimitiveGraph index() {
        GraphBuilder b = builder();
        NodeId passagesIn = b.add("passages", new Primitive.Input("passages", ValueKind.PASSAGE_LIST));
        NodeId ingest = addIndex(b, passagesIn);
        NodeId out = b.add("output.index", new Primitive.Output("index", ValueKind.SIGNAL));
        b.connect(ingest, Primitive.Ingest.INDEX.name(), out, Primitive.Output.VALUE);
        return b.build();
    }

    /** Index the passages, embed the question, search, rerank: the embedder serves two nodes. */
    public PrimitiveGraph retrieval() {
        GraphBuilder b = builder();
        NodeId question = b.add("question", new Primitive.Input("question", ValueKind.TEXT));
        NodeId passagesIn = b.add("passages", new Primitive.Input("passages", ValueKind.PASSAGE_LIST));
        NodeId ingest = addIndex(b, passagesIn);
        NodeId embed = b.add("search.embed", new Primitive.Embed(EMBEDDER, 1, 24));
        b.connect(question, Primitive.Input.VALUE, embed, Primitive.Embed.TEXTS.name());
        addSearchAndRerank(b, question, ingest, embed, 1);
        return b.build();
    }

    /**
     * Adds {@code search.vsearch} of the {@code queries} vectors of {@code embed} over the index that
     * {@code ingest} builds, {@code rerank} of all their candidates against {@code question}, and
     * {@code output.context} of the reranked passages.
     */
    private void addSearchAndRerank(GraphBuilder b, NodeId question, NodeId ingest, NodeId embed, int queries) {
        NodeId search = b.add("search.vsearch", new Primitive.VectorSearch(VECTORS, COLLECTION, queries, searchK));
        NodeId rerank = b.add("rerank", new Primitive.Rerank(RERANKER, queries * searchK, rerankK));
        NodeId out = b.add("output.context", new Primitive.Output("context", ValueKind.PASSAGE_LIST));
        b.connect(embed, Primitive.Embed.VECTORS, search, Primitive.VectorSearch.VECTORS);
        b.connect(ingest, Primitive.Ingest.INDEX, search, Primitive.VectorSearch.INDEX);
        b.connect(question, Primitive.Input.VALUE, rerank, Primitive.Rerank.QUERY.name());
        b.connect(search, Primitive.VectorSearch.PASSAGES, rerank, Primitive.Rerank.PASSAGES);
        b.connect(rerank, Primitive.Rerank.PASSAGES.name(), out, Primitive.Output.VALUE);
    }

    /**
     * Expand the question into {@link #expansions()} queries, embed them, search the index, rerank:
     * the shape decode pipelining rewrites.
     */
    public PrimitiveGraph expansion() {
        return expansion(OutputFormat.jsonList(expansions));
    }

    /**
     * {@code g} with one more graph output, {@code output.NAME}, that reads {@code port} of node {@code from}:
     * a second consumer of a value a rule would otherwise rewrite.
     */
    public static PrimitiveGraph withOutput(PrimitiveGraph g, String from, String port, String name, ValueKind kind) {
        GraphBuilder b = g.toBuilder();
        NodeId out = b.add("output." + name, new Primitive.Output(name, kind));
        b.connect(NodeId.of(from), port, out, Primitive.Output.VALUE);
        return b.build();
    }

    /** {@link #expansion()} with the LLM emitting {@code format}. */
    public PrimitiveGraph expansion(OutputFormat format) {
        GraphBuilder b = builder();
        NodeId question = b.add("question", new Primitive.Input("question", ValueKind.TEXT));
        NodeId passagesIn = b.add("passages", new Primitive.Input("passages", ValueKind.PASSAGE_LIST));
        NodeId ingest = addIndex(b, passagesIn);
        NodeId prefill = b.add("expand.prefill", new Primitive.Prefill(LLM,
                PromptTemplate.of("Rewrite into search queries: {{question}}"), format, 80, 40, false));
        NodeId decode = b.add("expand.decode", new Primitive.Decode(LLM, format, 80));
        String decoded = format instanceof OutputFormat.JsonList ? "items" : "text";
        int queries = format instanceof OutputFormat.JsonList(int n) ? n : 1;
        NodeId embed = b.add("search.embed", new Primitive.Embed(EMBEDDER, queries, 16));
        b.connect(question, "value", prefill, "question");
        b.stream(prefill, Primitive.Prefill.GENERATION, decode, Primitive.Decode.GENERATION);
        b.connect(decode, decoded, embed, "texts");
        addSearchAndRerank(b, question, ingest, embed, queries);
        return b.build();
    }

    /**
     * A draft call ({@code question -> draft}) followed by an answer call rendering {@code template},
     * whose placeholders may be {@code question} (early, a graph input) and {@code draft} (late, the
     * first call's text).
     */
    public PrimitiveGraph twoCalls(String template) {
        PromptTemplate t = PromptTemplate.of(template);
        GraphBuilder b = builder();
        NodeId question = b.add("question", new Primitive.Input("question", ValueKind.TEXT));
        NodeId draftPrefill = b.add("draft.prefill", new Primitive.Prefill(LLM,
                PromptTemplate.of("Answer briefly: {{question}}"), OutputFormat.text(), 64, 30, false));
        NodeId draft = b.add("draft.decode", new Primitive.Decode(LLM, OutputFormat.text(), 64));
        NodeId prefill = b.add("answer.prefill", new Primitive.Prefill(LLM, t, OutputFormat.text(), 64, 200,
                false));
        NodeId decode = b.add("answer.decode", new Primitive.Decode(LLM, OutputFormat.text(), 64));
        NodeId out = b.add("output.answer", new Primitive.Output("answer", ValueKind.TEXT));
        b.connect(question, "value", draftPrefill, "question");
        b.stream(draftPrefill, Primitive.Prefill.GENERATION, draft, Primitive.Decode.GENERATION);
        for (String p : t.placeholders()) {
            switch (p) {
                case "question" -> b.connect(question, Primitive.Input.VALUE, prefill, p);
                case "draft" -> b.connect(draft, Primitive.Decode.TEXT.name(), prefill, p);
                default -> throw new IllegalArgumentException("fixture knows {{question}} and {{draft}}, not " + p);
            }
        }
        b.stream(prefill, Primitive.Prefill.GENERATION, decode, Primitive.Decode.GENERATION);
        b.connect(decode, Primitive.Decode.TEXT.name(), out, Primitive.Output.VALUE);
        if (!t.placeholders().contains("draft")) {
            NodeId draftOut = b.add("output.draft", new Primitive.Output("draft", ValueKind.TEXT));
            b.connect(draft, Primitive.Decode.TEXT.name(), draftOut, Primitive.Output.VALUE);
        }
        return b.build();
    }
}
