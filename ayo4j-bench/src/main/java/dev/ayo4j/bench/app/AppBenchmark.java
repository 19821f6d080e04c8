// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.bench.app;

import dev.ayo4j.Ayo4jException;
import dev.ayo4j.Checks;
import dev.ayo4j.app.App;
import dev.ayo4j.app.AppOptions;
import dev.ayo4j.app.Apps;
import dev.ayo4j.app.ContextOrder;
import dev.ayo4j.bench.Stats;
import dev.ayo4j.bench.app.AppBenchReport.AnswerTail;
import dev.ayo4j.bench.app.AppBenchReport.Knee;
import dev.ayo4j.bench.app.AppBenchReport.RunReport;
import dev.ayo4j.bench.app.AppBenchReport.SystemReport;
import dev.ayo4j.bench.app.AppBenchReport.WorkloadReport;
import dev.ayo4j.graph.PrimitiveGraph;
import dev.ayo4j.plan.Pass;
import dev.ayo4j.plan.Passes;
import dev.ayo4j.plan.Planner;
import dev.ayo4j.plan.PlannerContext;
import dev.ayo4j.runtime.Ayo4jRuntime;
import dev.ayo4j.runtime.QueryResult;
import dev.ayo4j.runtime.RunListener;
import dev.ayo4j.spi.Passage;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.store.embedding.EmbeddingStore;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiFunction;
import org.jspecify.annotations.Nullable;

/**
 * Runs workloads through four systems on the same engines in one run: (a) ayo4j with every pass, (b)
 * ayo4j with none, (c) a sequential module chain and (d) LangChain4j; first one query at a time, then
 * under Poisson arrivals at a sweep of rates, then in bursts; plus an ablation that adds one pass at a
 * time. Before every measured run the LLM is reopened and a fresh reranker opened, so no run profits
 * from prompts or passage vectors another left in a cache. Workloads that search a corpus share one
 * collection, ingested once before the first of them and not measured; in document QA each query ingests
 * into a collection of its own. One warm-up query per workload runs first. With an arrival-ordered
 * context, a fifth system runs Ayo's passes on the app with its context by score (Ayo's single prefill
 * split), and the report gives the answer call's time after its last input and the warm-ups' fallbacks.
 *
 * {@snippet lang=shell :
 * bin/ayo4j bench app --app advanced-rag --queries 4 --json target/app-bench.json --plots target/plots
 * }
 */
public final class AppBenchmark {
    /** Name of system (a). */
    public static final String AYO4J = "ayo4j";
    /** Name of system (b). */
    public static final String AYO4J_NO_PASSES = "ayo4j-no-passes";
    /** With an arrival-ordered context: ayo4j with Ayo's passes on the app with its context by score. */
    public static final String AYO4J_AYO_SPLIT = "ayo4j-ayo-split";
    /** The collection the corpus is ingested into, once. */
    static final String CORPUS = "bench-corpus";

    /**
     * What to run.
     *
     * @param workloads   workloads, in order
     * @param queries     measured queries per run
     * @param passages    passages each query of a document-QA workload ingests; 0 for its default
     * @param corpusPassages passages of the corpus ingested once for the workloads that search it
     * @param options     app sizes (expansions, top-k, answer tokens)
     * @param rates       Poisson rates in queries per second; empty to derive them from {@code loads}
     * @param loads       when {@code rates} is empty: fractions of LangChain4j's one-at-a-time throughput
     * @param poisson     whether to run the Poisson sweep
     * @param burstSize   queries per burst in the bursty run (0: no bursty run)
     * @param ablation    whether to run the one-pass-at-a-time ablation
     * @param deadline    per-query deadline of the ayo4j runtime
     */
    public record Config(List<Workload> workloads, int queries, int passages, int corpusPassages, AppOptions options,
                         List<Double> rates,
                         List<Double> loads, boolean poisson, int burstSize, boolean ablation, Duration deadline) {
        public Config {
            workloads = List.copyOf(workloads);
            rates = List.copyOf(rates);
            loads = List.copyOf(loads);
            Checks.argument(queries > 0, "queries must be > 0: %s", queries);
            Checks.argument(passages >= 0, "passages must be >= 0: %s", passages);
            Checks.argument(corpusPassages > 0, "corpus passages must be > 0: %s", corpusPassages);
        }
    }

    private final EngineSource engines;
    private final BenchData data;
    private final EmbeddingModel lc4jEmbeddings;
    private final Config config;
    private final PrintStream log;
    private final AtomicInteger collections = new AtomicInteger();
    private @Nullable EmbeddingStore<TextSegment> lc4jCorpus;
    private BiFunction<String, String, RunListener> traces = (a, s) -> RunListener.NONE;

    /**
     * A benchmark on the engines of {@code engines}, with LangChain4j's own embedding model
     * {@code lc4jEmbeddings} for system (d); progress goes to {@code log}.
     */
    public AppBenchmark(EngineSource engines, BenchData data, EmbeddingModel lc4jEmbeddings, Config config,
                        PrintStream log) {
        this.engines = engines;
        this.data = data;
        this.lc4jEmbeddings = lc4jEmbeddings;
        this.config = config;
        this.log = log;
    }

    /**
     * LangChain4j's in-process all-MiniLM-L6-v2 on {@code threads} ONNX Runtime threads, embedding on
     * {@code executor}: system (d)'s embedder, placed like ayo4j's.
     */
    public static EmbeddingModel langChain4jMiniLm(int threads, java.util.concurrent.Executor executor) {
        return LangChain4jMiniLm.open(threads, executor);
    }

    /** Also records the runs of the ayo4j systems: a listener per app name and system name. */
    public AppBenchmark traces(BiFunction<String, String, RunListener> listeners) {
        this.traces = java.util.Objects.requireNonNull(listeners, "listeners");
        return this;
    }

    /** Runs every workload; {@code model} and {@code placement} are recorded as given. */
    public AppBenchReport run(String model, String placement) {
        List<WorkloadReport> reports = new ArrayList<>();
        for (Workload w : config.workloads()) {
            reports.add(run(w));
        }
        return new AppBenchReport(model, placement, data.origin(), reports);
    }

    private WorkloadReport run(Workload w) {
        App app = w.app(config.options());
        int passages = w.ingestsPerQuery() ? (config.passages() > 0 ? config.passages() : w.defaultPassages()) : 0;
        List<BenchQuery> queries = new ArrayList<>();
        for (int i = 0; i < config.queries(); i++) {
            queries.add(data.query(i, passages));
        }
        BenchQuery warmup = data.query(config.queries(), passages);
        if (w.searchesCorpus()) {
            ingestCorpus();
        }
        AyoSystem a = new AyoSystem(AYO4J, app, Passes.STANDARD, config.deadline());
        AyoSystem b = new AyoSystem(AYO4J_NO_PASSES, app, Passes.NONE, config.deadline());
        SequentialChain c = new SequentialChain(app);
        LangChain4jRag d = new LangChain4jRag(app, lc4jEmbeddings, lc4jCorpus);
        List<BenchSystem> systems = new ArrayList<>(List.of(a, b, c, d));
        ContextOrder order = config.options().contextOrder();
        if (order == ContextOrder.ARRIVAL && w.expands()) {
            systems.add(new AyoSystem(AYO4J_AYO_SPLIT, w.app(config.options().withContextOrder(ContextOrder.SCORE)),
                    Passes.STANDARD, config.deadline()));
        }
        boolean ownCollections = w.ingestsPerQuery();
        try {
            log.printf("%n== %s: %d queries, %s, context by %s%n", w.label(), queries.size(),
                    ownCollections ? passages + " passages ingested per query"
                            : w.searchesCorpus() ? "corpus of " + config.corpusPassages() + " passages" : "no retrieval",
                    order.name().toLowerCase(Locale.ROOT));
            log.println("warming up (one unmeasured query through ayo4j and LangChain4j)...");
            measure(a, List.of(warmup), new Arrivals.OneAtATime(), ownCollections);
            measure(d, List.of(warmup), new Arrivals.OneAtATime(), ownCollections);

            List<RunReport> runs = new ArrayList<>();
            RunReport serial = runAll(systems, queries, new Arrivals.OneAtATime(), ownCollections);
            runs.add(serial);
            Map<String, List<Span>> gantt = new LinkedHashMap<>();
            gantt.put(AYO4J, lastSpans.get(AYO4J));
            gantt.put(c.name(), lastSpans.get(c.name()));

            List<SystemReport> ablation = new ArrayList<>();
            if (config.ablation()) {
                ablation.add(serial.system(AYO4J_NO_PASSES));
                for (int k = 1; k < Passes.STANDARD.size(); k++) {
                    List<Pass> some = Passes.STANDARD.subList(0, k);
                    AyoSystem s = new AyoSystem("+" + some.getLast().name(), app, some, config.deadline());
                    ablation.add(report(s, measure(s, queries, new Arrivals.OneAtATime(), ownCollections),
                            outcomes.get(AYO4J)));
                }
                ablation.add(serial.system(AYO4J));
            }

            List<Double> rates = config.rates();
            if (rates.isEmpty()) {
                double capacity = 1000 / serial.system(d.name()).meanMs();
                rates = config.loads().stream().map(l -> round(l * capacity)).toList();
            }
            List<RunReport> poisson = new ArrayList<>();
            for (double rate : config.poisson() ? rates : List.<Double>of()) {
                poisson.add(runAll(systems, queries, new Arrivals.Poisson(rate, 42), ownCollections));
            }
            runs.addAll(poisson);
            if (config.burstSize() > 0 && !rates.isEmpty()) {
                runs.add(runAll(systems, queries, new Arrivals.Bursty(rates.get(rates.size() / 2), config.burstSize(),
                        7), ownCollections));
            }
            return new WorkloadReport(w.label(), w.searchesCorpus() ? config.corpusPassages() : 0, passages,
                    queries.size(), config.options().answerTokens(), order.name().toLowerCase(Locale.ROOT), runs,
                    ablation, gantt, knee(serial, poisson, d.name()));
        } finally {
            d.close();
        }
    }

    /**
     * Ingests the corpus once, through ayo4j into its store and through LangChain4j into its in-memory
     * store; neither is measured.
     */
    private void ingestCorpus() {
        if (lc4jCorpus != null) {
            return;
        }
        List<Passage> corpus = data.corpus(config.corpusPassages());
        log.printf("ingesting the corpus once (%d passages) into ayo4j's vector store and LangChain4j's...%n",
                corpus.size());
        long t0 = System.nanoTime();
        ingest(engines.forIngestion(), CORPUS, corpus, config.deadline());
        long t1 = System.nanoTime();
        lc4jCorpus = LangChain4jRag.ingest(lc4jEmbeddings, corpus);
        log.printf(Locale.ROOT, "   ayo4j %.1f s, LangChain4j %.1f s%n", (t1 - t0) / 1e9,
                (System.nanoTime() - t1) / 1e9);
    }

    /** Ingests {@code passages} into {@code collection} through ayo4j's ingestion app on {@code engines}. */
    public static void ingest(Engines engines, String collection, List<Passage> passages, Duration deadline) {
        PrimitiveGraph graph = new Planner(Passes.STANDARD, PlannerContext.defaults()).optimize(Apps.ingest()
                .withCollection(collection).lower(AyoSystem.shape(new BenchQuery(0, "", passages)))).result();
        try (Ayo4jRuntime runtime = engines.newRuntime()) {
            runtime.run(graph, Map.of(Apps.PASSAGES.name(), passages), deadline);
        }
    }

    /** The first Poisson run where LangChain4j's P90 reached twice its one-at-a-time P90; null if none. */
    static @Nullable Knee knee(RunReport serial, List<RunReport> poisson, String lc4j) {
        double base = serial.system(lc4j).p90Ms();
        for (RunReport r : poisson) {
            double p90 = r.system(lc4j).p90Ms();
            if (p90 >= 2 * base) {
                double ayo = r.system(AYO4J).p90Ms();
                return new Knee(r.rate(), base, p90, ayo, p90 / ayo, r.fallbackRate());
            }
        }
        return null;
    }

    private final Map<String, List<QueryOutcome>> outcomes = new LinkedHashMap<>();
    private final Map<String, List<Span>> lastSpans = new LinkedHashMap<>();

    private RunReport runAll(List<BenchSystem> systems, List<BenchQuery> queries, Arrivals arrivals,
                             boolean ownCollections) {
        log.printf("-- %s%n", arrivals.label());
        outcomes.clear();
        for (BenchSystem s : systems) {
            List<QueryOutcome> out = measure(s, queries, arrivals, ownCollections);
            outcomes.put(s.name(), out);
            lastSpans.put(s.name(), out.getFirst().spans());
        }
        List<QueryOutcome> ayo = outcomes.get(AYO4J);
        List<SystemReport> reports = new ArrayList<>();
        for (BenchSystem s : systems) {
            reports.add(report(s, outcomes.get(s.name()), ayo));
        }
        double base = reports.getFirst().meanMs();
        Map<String, Double> speedups = new LinkedHashMap<>();
        for (SystemReport r : reports.subList(1, reports.size())) {
            speedups.put(r.system(), r.meanMs() / base);
        }
        double overCritical = ayo.stream().mapToDouble(o -> (double) o.serviceNanos() / o.criticalPathNanos())
                .average().orElse(Double.NaN);
        double overBound = ayo.stream().mapToDouble(o -> (double) o.serviceNanos() / o.lowerBoundNanos())
                .average().orElse(Double.NaN);
        int ok = 0;
        int fellBack = 0;
        int skipped = 0;
        for (QueryOutcome o : ayo) {
            ok += o.warmUps().ok();
            fellBack += o.warmUps().fellBack();
            skipped += o.warmUps().skipped();
        }
        return new RunReport(arrivals.label(), arrivals.rate(), reports, speedups, overCritical, overBound,
                answerTail(ayo, outcomes.get(AYO4J_NO_PASSES)), new QueryResult.WarmUps(ok, fellBack, skipped));
    }

    private static @Nullable AnswerTail answerTail(List<QueryOutcome> ayo, List<QueryOutcome> plain) {
        double fast = meanTailMs(ayo);
        double slow = meanTailMs(plain);
        return Double.isNaN(fast) || Double.isNaN(slow) ? null : new AnswerTail(fast, slow, fast / slow);
    }

    private static double meanTailMs(List<QueryOutcome> out) {
        return out.stream().mapToLong(QueryOutcome::answerTailNanos).filter(t -> t >= 0)
                .mapToDouble(t -> t / 1e6).average().orElse(Double.NaN);
    }

    private static SystemReport report(BenchSystem s, List<QueryOutcome> out, List<QueryOutcome> ayo) {
        List<Double> ms = out.stream().map(o -> o.latencyNanos() / 1e6).toList();
        int same = 0;
        for (int i = 0; i < out.size(); i++) {
            if (out.get(i).answer().equals(ayo.get(i).answer())) {
                same++;
            }
        }
        return new SystemReport(s.name(), s.describe(), Stats.mean(ms), Stats.percentile(ms, 90), ms, same);
    }

    /**
     * Runs {@code queries} through {@code s} under {@code arrivals} on a freshly reopened LLM; each query in
     * a collection of its own if {@code ownCollections}, else all in the corpus.
     */
    List<QueryOutcome> measure(BenchSystem s, List<BenchQuery> queries, Arrivals arrivals, boolean ownCollections) {
        Engines run = engines.open();
        if (s instanceof AyoSystem a) {
            a.traces(traces);
        }
        s.begin(run);
        try {
            List<QueryOutcome> out = new ArrayList<>();
            if (arrivals instanceof Arrivals.OneAtATime) {
                for (BenchQuery q : queries) {
                    out.add(s.answer(q, collection(ownCollections)));
                }
            } else {
                List<Long> offsets = arrivals.offsets(queries.size());
                List<Future<QueryOutcome>> futures = new ArrayList<>();
                try (ExecutorService exec = Executors.newVirtualThreadPerTaskExecutor()) {
                    long t0 = System.nanoTime();
                    for (int i = 0; i < queries.size(); i++) {
                        long arrival = t0 + offsets.get(i);
                        while (System.nanoTime() < arrival) {
                            LockSupport.parkNanos(arrival - System.nanoTime());
                        }
                        BenchQuery q = queries.get(i);
                        String coll = collection(ownCollections);
                        futures.add(exec.submit(() -> {
                            QueryOutcome o = s.answer(q, coll);
                            return o.withLatency(System.nanoTime() - arrival);
                        }));
                    }
                    for (Future<QueryOutcome> f : futures) {
                        out.add(f.get(config.deadline().toNanos(), TimeUnit.NANOSECONDS));
                    }
                } catch (ExecutionException e) {
                    throw new Ayo4jException(s.name() + " failed under " + arrivals.label() + ": "
                            + e.getCause().getMessage(), e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new Ayo4jException("interrupted while running " + s.name(), e);
                } catch (java.util.concurrent.TimeoutException e) {
                    throw new Ayo4jException(s.name() + " missed the deadline under " + arrivals.label(), e);
                }
            }
            double mean = Stats.mean(out.stream().map(o -> o.latencyNanos() / 1e6).toList());
            log.printf(Locale.ROOT, "   %-28s mean %8.0f ms%n", s.name(), mean);
            return out;
        } finally {
            s.end();
            engines.close(run);
        }
    }

    /** A collection of the query's own, or the corpus's. */
    private String collection(boolean own) {
        return own ? "bench-" + collections.incrementAndGet() : CORPUS;
    }

    private static double round(double rate) {
        return Math.round(rate * 1000) / 1000.0;
    }
}
