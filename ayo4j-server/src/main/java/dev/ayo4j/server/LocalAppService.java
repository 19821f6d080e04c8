package dev.ayo4j.server;

import dev.ayo4j.app.App;
import dev.ayo4j.app.AppOptions;
import dev.ayo4j.app.Apps;
import dev.ayo4j.app.QueryShape;
import dev.ayo4j.encoders.policies.EncoderPolicyConfig;
import dev.ayo4j.encoders.pool.EncoderPool;
import dev.ayo4j.encoders.server.EncoderProtocol;
import dev.ayo4j.graph.PrimitiveGraph;
import dev.ayo4j.local.Chunker;
import dev.ayo4j.local.Document;
import dev.ayo4j.local.LocalStack;
import dev.ayo4j.plan.Passes;
import dev.ayo4j.plan.Planner;
import dev.ayo4j.plan.PlannerContext;
import dev.ayo4j.runtime.Ayo4jRuntime;
import dev.ayo4j.runtime.QueryResult;
import dev.ayo4j.runtime.RunListener;
import dev.ayo4j.spi.Passage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * The built-in apps on the embedded engines: {@code naive-rag} and {@code advanced-rag} over a collection
 * ingested beforehand, and {@code multi-call}, all on one runtime so that concurrent runs are batched
 * together, plus an encoder pool on the stack's embedding model for the embedding routes.
 *
 * <p>Each run is planned with the standard passes for its question's size (rounded to a power of two, so
 * that plans are reused and the runtime's plan cache hits). Documents are cut as {@code ayo4j run --docs}
 * cuts them ({@link Chunker}), with passage ids {@code <document>#<n>}. The stack is owned and closed here.
 */
final class LocalAppService implements AppService {
    /** Typical tokens of a stored passage (64 words). */
    private static final int PASSAGE_TOKENS = 96;
    private static final int MAX_PLANS = 256;

    private record Prepared(AppInfo info, App app, String output, boolean searches) {}

    private record PlanKey(String app, @Nullable String collection, int questionTokens) {}

    private final LocalStack stack;
    private final Ayo4jRuntime runtime;
    private final Chunker chunker;
    private final EncoderPool encoders;
    private final EncoderProtocol protocol;
    private final Map<String, Prepared> apps = new LinkedHashMap<>();
    private final Map<PlanKey, PrimitiveGraph> plans = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();

    LocalAppService(LocalStack stack, String collection, AppOptions options) {
        this.stack = stack;
        this.runtime = stack.newRuntime();
        this.chunker = new Chunker(Chunker.DEFAULT_MAX_WORDS);
        String llm = stack.llm().name();
        add(new AppInfo("advanced-rag", "Expands the question into " + options.expansions()
                + " queries, searches the collection with each, reranks, and answers from the best passages.",
                collection, "generate", llm), Apps.advancedRagOverCollection(options).withCollection(collection),
                "answer", true);
        add(new AppInfo("naive-rag", "Searches the collection with the question, reranks, and answers from the "
                + "best passages.", collection, "generate", llm),
                Apps.naiveRagOverCollection(options).withCollection(collection), "answer", true);
        add(new AppInfo("multi-call", "Drafts an answer, then refines it in a second LLM call.", null, "refine", llm),
                Apps.multiCall(options), "refined", false);
        this.encoders = EncoderPool.builder("encoders").policy("arlo", EncoderPolicyConfig.DEFAULT)
                .local(stack.embedder().model()).build();
        this.protocol = new EncoderProtocol(encoders, true);
    }

    private void add(AppInfo info, App app, String output, boolean searches) {
        apps.put(info.name(), new Prepared(info, app, output, searches));
    }

    @Override
    public List<AppInfo> apps() {
        return apps.values().stream().map(Prepared::info).toList();
    }

    @Override
    public AppInfo app(String name) {
        return prepared(name).info();
    }

    private Prepared prepared(String name) {
        Prepared p = apps.get(name);
        if (p == null) {
            throw ApiException.notFound("model_not_found", "model", "unknown app '" + name + "'; apps: "
                    + apps.keySet());
        }
        return p;
    }

    @Override
    public String explain(String app) {
        Prepared p = prepared(app);
        PrimitiveGraph graph = p.app().lower(new QueryShape(0, PASSAGE_TOKENS, 24));
        return new Planner(Passes.STANDARD, PlannerContext.defaults()).optimize(graph).explain();
    }

    @Override
    public RunHandle start(RunRequest request, RunListener listener) {
        Prepared p = prepared(request.app());
        App app = p.app();
        Map<String, Object> inputs = new LinkedHashMap<>();
        inputs.put("question", request.question());
        if (p.searches()) {
            if (request.collection() != null) {
                Names.requireCollection(request.collection());
                app = app.withCollection(request.collection());
            }
            if (stack.vectors().size(app.collection()) == 0) {
                throw ApiException.notFound("collection_not_found", "collection", "collection '" + app.collection()
                        + "' holds no documents; upload documents to it first");
            }
            inputs.put(Apps.INDEX, Apps.COLLECTION_READY);
        }
        PrimitiveGraph graph = plan(p, app, request.question());
        String id = "run-" + ids.incrementAndGet();
        CompletableFuture<QueryResult> future = runtime.submit(id, graph, inputs, request.deadline(), listener);
        CompletableFuture<RunOutcome> outcome = future.thenApply(r -> outcome(p, r));
        return new RunHandle() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public CompletableFuture<RunOutcome> outcome() {
                return outcome;
            }

            @Override
            public void cancel() {
                future.cancel(true);
            }
        };
    }

    private PrimitiveGraph plan(Prepared p, App app, String question) {
        int words = question.isBlank() ? 1 : question.strip().split("\\s+").length;
        int tokens = Integer.highestOneBit(Math.max(1, words * 4 / 3)) * 2;
        PlanKey key = new PlanKey(p.info().name(), p.searches() ? app.collection() : null, tokens);
        if (plans.size() > MAX_PLANS) {
            plans.clear();
        }
        return plans.computeIfAbsent(key, _ -> new Planner(Passes.STANDARD, PlannerContext.defaults())
                .optimize(app.lower(new QueryShape(0, PASSAGE_TOKENS, tokens))).result());
    }

    private static RunOutcome outcome(Prepared p, QueryResult r) {
        String answer = r.output(p.output(), String.class);
        List<Passage> sources = new ArrayList<>();
        if (r.outputs().get("context") instanceof List<?> list) {
            for (Object o : list) {
                sources.add((Passage) o);
            }
        }
        return new RunOutcome(answer, sources, r);
    }

    @Override
    public IngestReport ingest(String collection, List<Upload> documents, Duration deadline) {
        Names.requireCollection(collection);
        List<Passage> passages = new ArrayList<>();
        for (Upload u : documents) {
            passages.addAll(chunker.chunk(new Document(u.id(), u.text())));
        }
        if (passages.isEmpty()) {
            return new IngestReport(documents.size(), 0);
        }
        PrimitiveGraph graph = new Planner(Passes.STANDARD, PlannerContext.defaults()).optimize(Apps.ingest()
                .withCollection(collection).lower(new QueryShape(passages.size(), PASSAGE_TOKENS, 1))).result();
        CompletableFuture<QueryResult> f = runtime.submit("ingest-" + ids.incrementAndGet(), graph,
                Map.of("passages", passages), deadline, RunListener.NONE);
        try {
            f.get(deadline.toMillis() + 1_000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            f.cancel(true);
            throw new dev.ayo4j.DeadlineExceededException("ingest did not finish within " + deadline);
        } catch (InterruptedException e) {
            f.cancel(true);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while ingesting", e);
        }
        return new IngestReport(documents.size(), passages.size());
    }

    @Override
    public int delete(String collection, String id) {
        Names.requireCollection(collection);
        return stack.vectors().deletePassages(collection, id + "#");
    }

    @Override
    public List<CollectionInfo> collections() {
        return stack.vectors().collections().stream()
                .map(c -> new CollectionInfo(c, stack.vectors().size(c))).toList();
    }

    @Override
    public Optional<EncoderProtocol> encoders() {
        return Optional.of(protocol);
    }

    @Override
    public void close() {
        try (stack; runtime; encoders) {
            // closed in reverse order: the pool, the runtime (failing what is queued), then the engines
        }
    }
}
