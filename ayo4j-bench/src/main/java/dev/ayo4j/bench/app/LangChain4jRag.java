// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.bench.app;

import dev.ayo4j.app.Apps;
import dev.ayo4j.app.App;
import dev.ayo4j.app.Module;
import dev.ayo4j.graph.NodeId;
import dev.ayo4j.graph.PrimitiveGraph;
import dev.ayo4j.langchain4j.Ayo4jChatModel;
import dev.ayo4j.langchain4j.Ayo4jScoringModel;
import dev.ayo4j.langchain4j.Ayo4jStreamingChatModel;
import dev.ayo4j.langchain4j.ChatResponseFuture;
import dev.ayo4j.primitive.Primitive;
import dev.ayo4j.runtime.Coercions;
import dev.ayo4j.runtime.JsonListParser;
import dev.ayo4j.spi.Passage;
import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.input.PromptTemplate;
import dev.langchain4j.rag.AugmentationRequest;
import dev.langchain4j.rag.AugmentationResult;
import dev.langchain4j.rag.DefaultRetrievalAugmentor;
import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.content.aggregator.ReRankingContentAggregator;
import dev.langchain4j.rag.content.retriever.EmbeddingStoreContentRetriever;
import dev.langchain4j.rag.query.Query;
import dev.langchain4j.rag.query.transformer.ExpandingQueryTransformer;
import dev.langchain4j.store.embedding.EmbeddingStore;
import dev.langchain4j.store.embedding.inmemory.InMemoryEmbeddingStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * LangChain4j 1.x itself: its in-process all-MiniLM-L6-v2 embeds the corpus once into an
 * {@code InMemoryEmbeddingStore} (or, for document QA, each query's passages into a fresh one); a {@code DefaultRetrievalAugmentor} with an
 * {@code ExpandingQueryTransformer} (advanced-rag), an {@code EmbeddingStoreContentRetriever} and a
 * {@code ReRankingContentAggregator} builds the context; a {@code ChatModel} answers.
 *
 * <p>Both LLM calls go to ayo4j's LLM engine through {@link Ayo4jChatModel} and reranking to ayo4j's
 * reranker engine through {@link Ayo4jScoringModel}, so both sides share those models. Prompts, token
 * budgets and top-k are the app's (the expansion asks for the same JSON list, which
 * {@code parse} reads; the answer prompt renders the same numbered context), so each side does the
 * same LLM work. LangChain4j's own embedding model stands in for the embedder; its
 * {@code embedAll} is given a single-thread executor (one text per inference, as LangChain4j does), and
 * its ONNX Runtime session as many threads as the ayo4j embedder has (see {@link LangChain4jMiniLm}).
 *
 * <p>{@link #stock} is the same pipeline as LangChain4j's users deploy it: its stock embedding models with
 * their default executors and ONNX Runtime threads, reranking with a {@link StockScoringModel} on its stock
 * bge-small, and the retrieval augmentor's default executor; only the LLM is ayo4j's engine.
 */
public final class LangChain4jRag implements BenchSystem {
    /** Name of system (d). */
    public static final String NAME = "langchain4j";
    /** Name of system (d-stock). */
    public static final String STOCK = "langchain4j-stock";

    private final String name;
    private final App app;
    private final CountingEmbeddingModel embeddings;
    private final @Nullable EmbeddingStore<TextSegment> corpus;
    private final @Nullable StockScoringModel stockScoring;
    private final @Nullable ExecutorService retrievalExecutor;
    private @Nullable Engines stack;
    private @Nullable ChatModel answerer;
    private @Nullable StreamingChatModel streamingAnswerer;
    private @Nullable ChatModel expander;

    /**
     * {@code embeddings} is LangChain4j's in-process model; this system does not close it. An app that
     * searches a collection ingested beforehand searches {@code corpus} (see {@link #ingest}); one that
     * ingests each query's passages builds a store per query.
     */
    public LangChain4jRag(App app, EmbeddingModel embeddings, @Nullable EmbeddingStore<TextSegment> corpus) {
        this(NAME, app, embeddings, corpus, null, Executors.newVirtualThreadPerTaskExecutor());
    }

    private LangChain4jRag(String name, App app, EmbeddingModel embeddings, @Nullable EmbeddingStore<TextSegment> corpus,
                           @Nullable StockScoringModel stockScoring, @Nullable ExecutorService retrievalExecutor) {
        this.name = name;
        this.app = Objects.requireNonNull(app, "app");
        this.embeddings = Objects.requireNonNull(embeddings, "embeddings") instanceof CountingEmbeddingModel c ? c
                : new CountingEmbeddingModel(embeddings);
        this.corpus = corpus;
        this.stockScoring = stockScoring;
        this.retrievalExecutor = retrievalExecutor;
    }

    /**
     * System (d-stock): LangChain4j as its users deploy it on a CPU box. {@code embeddings} and
     * {@code scoring} are LangChain4j's stock in-process models with their default executors and ONNX
     * Runtime's default threads (see {@link StockScoringModel#open()}); the retrieval augmentor keeps its
     * default executor; only the LLM is ayo4j's engine, through {@link Ayo4jChatModel}. This system does not
     * close the models.
     */
    public static LangChain4jRag stock(App app, EmbeddingModel embeddings, StockScoringModel scoring,
                                       @Nullable EmbeddingStore<TextSegment> corpus) {
        return new LangChain4jRag(STOCK, app, embeddings, corpus, Objects.requireNonNull(scoring, "scoring"), null);
    }

    /** Texts this system's own embedding model has embedded so far (it counts them: they are not ayo4j's). */
    long embedderTexts() {
        return embeddings.texts();
    }

    /** Texts this system's own scoring model has embedded so far; 0 where it reranks on ayo4j's reranker. */
    long scoringTexts() {
        return stockScoring == null ? 0 : stockScoring.texts();
    }

    /** {@code passages} embedded by {@code embeddings} into a new in-memory store, as LangChain4j ingests. */
    public static EmbeddingStore<TextSegment> ingest(EmbeddingModel embeddings, List<Passage> passages) {
        InMemoryEmbeddingStore<TextSegment> store = new InMemoryEmbeddingStore<>();
        List<TextSegment> segments = passages.stream()
                .map(p -> TextSegment.from(p.text(), Metadata.from("id", p.id()))).toList();
        store.addAll(embeddings.embedAll(segments).content(), segments);
        return store;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String describe() {
        if (stockScoring != null) {
            return "LangChain4j 1.x as shipped: DefaultRetrievalAugmentor (its default executor), ExpandingQueryTransformer,"
                    + " EmbeddingStoreContentRetriever, ReRankingContentAggregator; AllMiniLmL6V2EmbeddingModel and"
                    + " BgeSmallEnV15EmbeddingModel (rerank by cosine) with their default executors and ONNX Runtime's"
                    + " default threads; InMemoryEmbeddingStore; ChatModel on ayo4j's LLM";
        }
        return "LangChain4j 1.x: DefaultRetrievalAugmentor, ExpandingQueryTransformer, EmbeddingStoreContentRetriever,"
                + " ReRankingContentAggregator, all-MiniLM-L6-v2 in process, InMemoryEmbeddingStore; ChatModel and"
                + " ScoringModel on ayo4j's engines";
    }

    @Override
    public void begin(Engines s) {
        this.stack = s;
        Module.Generate last = (Module.Generate) app.modules().getLast();
        this.answerer = Ayo4jChatModel.builder(s.llm()).maxTokens(last.maxTokens()).build();
        this.streamingAnswerer = Ayo4jStreamingChatModel.builder(s.llm()).maxTokens(last.maxTokens()).build();
        this.expander = null;
        if (app.modules().stream().anyMatch(Module.ExpandQuery.class::isInstance)) {
            Module.ExpandQuery e = module(Module.ExpandQuery.class);
            var prefill = (Primitive.Prefill) app.lower(new dev.ayo4j.app.QueryShape(1, 1, 1))
                    .node(NodeId.of(e.name() + ".prefill")).op();
            this.expander = Ayo4jChatModel.builder(s.llm()).jsonListItems(e.n()).maxTokens(prefill.maxTokens()).build();
        }
    }

    @Override
    public QueryOutcome answer(BenchQuery query, String collection) {
        return answer(query, collection, null);
    }

    /**
     * As {@link #answer(BenchQuery, String)}, with the answer streamed: {@code tokens} hears each chunk as the
     * LLM writes it, through a LangChain4j {@code StreamingChatModel} (as a streaming LangChain4j service
     * answers); null answers with the blocking {@code ChatModel}. Blocks until the answer is complete.
     */
    public QueryOutcome answer(BenchQuery query, String collection, @Nullable Consumer<String> tokens) {
        Engines s = Objects.requireNonNull(stack, "begin() first");
        long t0 = System.nanoTime();
        PrimitiveGraph graph = app.lower(AyoSystem.shape(query));
        String answer;
        List<String> contextIds = List.of();
        Module.Generate last = (Module.Generate) app.modules().getLast();
        if (app.modules().stream().anyMatch(Module.Search.class::isInstance)) {
            EmbeddingStore<TextSegment> store = app.modules().getFirst() instanceof Module.Index
                    ? ingest(embeddings, query.passages())
                    : Objects.requireNonNull(corpus, "an app over a collection ingested beforehand needs a corpus");

            var augmentor = DefaultRetrievalAugmentor.builder()
                    .contentRetriever(EmbeddingStoreContentRetriever.builder().embeddingStore(store)
                            .embeddingModel(embeddings).maxResults(module(Module.Search.class).k()).build())
                    .contentAggregator(ReRankingContentAggregator.builder()
                            .scoringModel(stockScoring != null ? stockScoring : Ayo4jScoringModel.of(s.reranker()))
                            .querySelector(_ -> Query.from(query.question()))
                            .maxResults(module(Module.Rerank.class).k()).build())
                    .contentInjector((contents, message) -> inject(contents, query.question()));
            if (retrievalExecutor != null) {
                augmentor.executor(retrievalExecutor);
            }
            if (app.modules().stream().anyMatch(Module.ExpandQuery.class::isInstance)) {
                Module.ExpandQuery e = module(Module.ExpandQuery.class);
                var prefill = (Primitive.Prefill) graph.node(NodeId.of(e.name() + ".prefill")).op();
                PromptTemplate template = PromptTemplate.from(prefill.template().text()
                        .replace("{{" + e.question() + "}}", "{{query}}"));
                augmentor.queryTransformer(new JsonExpandingQueryTransformer(Objects.requireNonNull(expander), template, e.n()));
            }
            UserMessage user = UserMessage.from(query.question());
            AugmentationResult augmented = augmentor.build().augment(new AugmentationRequest(user,
                    dev.langchain4j.rag.query.Metadata.from(user, null, List.<ChatMessage>of())));
            contextIds = augmented.contents().stream()
                    .map(c -> c.textSegment().metadata().getString("id")).toList();
            answer = chat(augmented.chatMessage(), tokens);
        } else {
            Map<String, Object> values = new HashMap<>();
            values.put(Apps.QUESTION.name(), query.question());
            for (Module m : app.modules()) {
                Module.Generate g = (Module.Generate) m;
                Map<String, Object> vars = new HashMap<>();
                g.template().placeholders().forEach(p -> vars.put(p, values.get(p)));
                String prompt = PromptTemplate.from(g.template().text()).apply(vars).text();
                values.put(g.into(), chat(UserMessage.from(prompt), m == last ? tokens : null));
            }
            answer = (String) values.get(last.into());
        }
        return QueryOutcome.untraced(query.index(), System.nanoTime() - t0, answer, contextIds, List.of());
    }

    private String chat(ChatMessage message, @Nullable Consumer<String> tokens) {
        if (tokens == null) {
            return Objects.requireNonNull(answerer, "begin() first").chat(message).aiMessage().text();
        }
        ChatResponseFuture done = new ChatResponseFuture(tokens);
        Objects.requireNonNull(streamingAnswerer, "begin() first").chat(List.of(message), done);
        try {
            return done.response().get().aiMessage().text();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while streaming the answer", e);
        }
    }

    /** The answer prompt with the reranked contents as numbered context, as ayo4j renders it. */
    private UserMessage inject(List<Content> contents, String question) {
        List<Passage> passages = new ArrayList<>();
        for (Content c : contents) {
            passages.add(Passage.of("c", c.textSegment().text()));
        }
        Module.Generate g = (Module.Generate) app.modules().getLast();
        Map<String, Object> vars = Map.of(Apps.QUESTION.name(), question,
                Apps.CONTEXT.name(), Coercions.numberedContext(passages));
        return UserMessage.from(PromptTemplate.from(g.template().text()).apply(vars).text());
    }

    private <M extends Module> M module(Class<M> type) {
        return app.modules().stream().filter(type::isInstance).map(type::cast).findFirst().orElseThrow();
    }

    @Override
    public void end() {
        stack = null;
        answerer = null;
        streamingAnswerer = null;
        expander = null;
    }

    /** Close the retrieval executor once the benchmark is over. */
    public void close() {
        if (retrievalExecutor != null) {
            retrievalExecutor.close();
        }
    }

    /** LangChain4j's expanding transformer, reading the JSON list the app's expansion prompt asks for. */
    private static final class JsonExpandingQueryTransformer extends ExpandingQueryTransformer {
        JsonExpandingQueryTransformer(ChatModel model, PromptTemplate template, int n) {
            super(model, template, n);
        }

        @Override
        protected List<String> parse(String queries) {
            return JsonListParser.parse(queries);
        }
    }
}
