// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.bench.app;

import dev.ayo4j.Checks;
import dev.ayo4j.app.App;
import dev.ayo4j.app.AppOptions;
import dev.ayo4j.app.Apps;
import dev.ayo4j.app.ContextOrder;
import dev.ayo4j.bench.app.AppBenchReport.Ingestion;
import dev.ayo4j.bench.app.AppBenchReport.RunReport;
import dev.ayo4j.bench.app.AppBenchReport.SystemReport;
import dev.ayo4j.bench.app.AppBenchReport.WorkloadReport;
import dev.ayo4j.bench.app.LoadGenerator.Measured;
import dev.ayo4j.graph.PrimitiveGraph;
import dev.ayo4j.plan.Pass;
import dev.ayo4j.plan.Passes;
import dev.ayo4j.plan.Planner;
import dev.ayo4j.plan.PlannerContext;
import dev.ayo4j.runtime.Ayo4jRuntime;
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
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.BiFunction;
import org.jspecify.annotations.Nullable;

/**
 * Orchestration of the app benchmark: runs workloads through four systems on the same engines in one
 * run: (a) ayo4j with every pass, (b) ayo4j with none, (c) a sequential module chain and (d) LangChain4j;
 * first one query at a time, then under Poisson arrivals at a sweep of rates, then in bursts; plus an
 * ablation that adds one pass at a time. Before every measured run the LLM is reopened and a fresh
 * reranker opened, so no run profits from prompts or passage vectors another left in a cache. Workloads
 * that search a corpus share one collection, ingested once before the first of them and not measured
 * as a query (its cost is reported once, with hoisting's payback); in document QA each query ingests
 * into a collection of its own. One warm-up query per workload runs first. With an arrival-ordered
 * context, a fifth system runs Ayo's passes on the app with its context by score (Ayo's single prefill
 * split), and the report gives the answer call's time after its last input and the warm-ups' fallbacks.
 * With {@link #stock} LangChain4j also runs as shipped, (d-stock): its stock encoders with their default
 * executors and threads, beside (d), whose encoders are placed like ayo4j's; with {@link #placements}
 * system (a) also runs on engines placed otherwise (e.g. {@code ayo4j-shared}, every engine on every core).
 * The {@link LoadGenerator} drives each run and meters its work; {@link RunStatistics} turns the runs
 * into the report.
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
    static final String CORPUS = LoadGenerator.CORPUS;

    /**
     * What to run.
     *
     * @param workloads   workloads, in order
     * @param queries     measured queries per run
     * @param passages    passages each query of a document-QA workload ingests; 0 for its default
     * @param corpusPassages passages of the corpus ingested once for the workloads that search it
     * @param options     app sizes (expansions, top-k, answer tokens) of the built-in workloads
     * @param rates       Poisson rates in queries per second; empty to derive them from {@code loads}
     * @param loads       when {@code rates} is empty: fractions of LangChain4j's one-at-a-time throughput
     * @param poisson     whether to run the Poisson sweep
     * @param burstSize   queries per burst in the bursty run (0: no bursty run)
     * @param ablation    whether to run the one-pass-at-a-time ablation
     * @param deadline    per-query deadline of the ayo4j runtime
     * @param slotSimilarity the LLM's slot prompt similarity, for counting the tokens it prefilled
     */
    public record Config(List<Workload> workloads, int queries, int passages, int corpusPassages, AppOptions options,
                         List<Double> rates,
                         List<Double> loads, boolean poisson, int burstSize, boolean ablation, Duration deadline,
                         double slotSimilarity) {
        public Config {
            workloads = List.copyOf(workloads);
            rates = List.copyOf(rates);
            loads = List.copyOf(loads);
            Checks.argument(queries > 0, "queries must be > 0: %s", queries);
            Checks.argument(passages >= 0, "passages must be >= 0: %s", passages);
            Checks.argument(corpusPassages > 0, "corpus passages must be > 0: %s", corpusPassages);
            Checks.argument(slotSimilarity >= 0 && slotSimilarity <= 1, "slot similarity must be in [0, 1]: %s",
                    slotSimilarity);
        }
    }

    private final EngineSource engines;
    private final BenchData data;
    private final CountingEmbeddingModel lc4jEmbeddings;
    private final Config config;
    private final PrintStream log;
    private final BiFunction<String, String, RunListener> traces;
    private final @Nullable Stock stock;
    private final Map<Placement, EngineSource> placements;

    /** System (d-stock)'s models: LangChain4j's stock embedder and a scoring model on its stock bge-small. */
    public record Stock(EmbeddingModel embedder, StockScoringModel scoring) {
        public Stock {
            Objects.requireNonNull(embedder, "embedder");
            Objects.requireNonNull(scoring, "scoring");
        }

        /** LangChain4j's stock models, as their no-argument constructors make them. */
        public static Stock open() {
            return new Stock(StockScoringModel.stockEmbedder(), StockScoringModel.open());
        }
    }

    /**
     * A benchmark on the engines of {@code engines}, with LangChain4j's own embedding model
     * {@code lc4jEmbeddings} for system (d); progress goes to {@code log}.
     */
    public AppBenchmark(EngineSource engines, BenchData data, EmbeddingModel lc4jEmbeddings, Config config,
                        PrintStream log) {
        this(engines, data, new CountingEmbeddingModel(lc4jEmbeddings), config, log, (a, s) -> RunListener.NONE, null,
                Map.of());
    }

    private AppBenchmark(EngineSource engines, BenchData data, CountingEmbeddingModel lc4jEmbeddings, Config config,
                         PrintStream log, BiFunction<String, String, RunListener> traces, @Nullable Stock stock,
                         Map<Placement, EngineSource> placements) {
        this.engines = Objects.requireNonNull(engines, "engines");
        this.data = Objects.requireNonNull(data, "data");
        this.lc4jEmbeddings = lc4jEmbeddings;
        this.config = Objects.requireNonNull(config, "config");
        this.log = Objects.requireNonNull(log, "log");
        this.traces = traces;
        this.stock = stock;
        this.placements = Map.copyOf(placements);
    }

    /**
     * LangChain4j's in-process all-MiniLM-L6-v2 on {@code threads} ONNX Runtime threads, embedding on
     * {@code executor}: system (d)'s embedder, placed like ayo4j's.
     */
    public static EmbeddingModel langChain4jMiniLm(int threads, Executor executor) {
        return LangChain4jMiniLm.open(threads, executor);
    }

    /** This benchmark, also recording the runs of the ayo4j systems: a listener per app name and system name. */
    public AppBenchmark traces(BiFunction<String, String, RunListener> listeners) {
        return new AppBenchmark(engines, data, lc4jEmbeddings, config, log,
                Objects.requireNonNull(listeners, "listeners"), stock, placements);
    }

    /**
     * This benchmark, also running system (d-stock): LangChain4j with {@code stock}'s models, as it is
     * deployed on a CPU box (see {@link LangChain4jRag#stock}), searching the corpus (d) ingested; on the
     * engines of the {@link Placement#SHARED} placement if {@link #placements} has one (its LLM on every
     * core), else on the benchmark's.
     */
    public AppBenchmark stock(Stock models) {
        return new AppBenchmark(engines, data, lc4jEmbeddings, config, log, traces,
                Objects.requireNonNull(models, "models"), placements);
    }

    /**
     * This benchmark, also running system (a) on the engines of each of {@code others}, as a system named
     * {@link Placement#ayo4jSystem()} ({@code ayo4j-shared}); the other systems run on the benchmark's engines.
     */
    public AppBenchmark placements(Map<Placement, EngineSource> others) {
        return new AppBenchmark(engines, data, lc4jEmbeddings, config, log, traces, stock,
                new LinkedHashMap<>(others));
    }


    /** Runs every workload; {@code model} and {@code placement} are recorded as given. */
    public AppBenchReport run(String model, String placement) {
        Map<String, EngineSource> placed = new LinkedHashMap<>();
        placements.forEach((p, source) -> placed.put(p.ayo4jSystem(), source));
        if (placements.containsKey(Placement.SHARED)) {
            // As a team deploys it on a CPU box: the LLM, too, on every core.
            placed.put(LangChain4jRag.STOCK, placements.get(Placement.SHARED));
        }
        LoadGenerator load = new LoadGenerator(engines, placed, config.slotSimilarity(), config.deadline(), log);
        Corpus corpus = config.workloads().stream().anyMatch(Workload::searchesCorpus) ? ingestCorpus() : null;
        List<WorkloadReport> reports = new ArrayList<>();
        for (Workload w : config.workloads()) {
            reports.add(run(w, load, w.searchesCorpus() ? corpus : null));
        }
        return new AppBenchReport(model, placement, data.origin(), reports);
    }

    /** The corpus as both sides ingested it once, and what that cost. */
    private record Corpus(EmbeddingStore<TextSegment> lc4j, Ingestion ingestion) {}

    private WorkloadReport run(Workload w, LoadGenerator load, @Nullable Corpus corpus) {
        App app = w.app(config.options());
        int passages = w.ingestsPerQuery() ? (config.passages() > 0 ? config.passages() : w.defaultPassages()) : 0;
        List<BenchQuery> queries = new ArrayList<>();
        for (int i = 0; i < config.queries(); i++) {
            queries.add(data.query(i, passages));
        }
        BenchQuery warmup = data.query(config.queries(), passages);
        AyoSystem a = ayo(AYO4J, app, Passes.STANDARD);
        List<BenchSystem> systems = new ArrayList<>(List.of(a));
        for (Placement p : placements.keySet()) {
            systems.add(ayo(p.ayo4jSystem(), app, Passes.STANDARD));
        }
        AyoSystem b = ayo(AYO4J_NO_PASSES, app, Passes.NONE);
        SequentialChain c = new SequentialChain(app);
        LangChain4jRag d = new LangChain4jRag(app, lc4jEmbeddings, corpus == null ? null : corpus.lc4j());
        systems.addAll(List.of(b, c, d));
        LangChain4jRag dStock = stock == null ? null
                : LangChain4jRag.stock(app, stock.embedder(), stock.scoring(), corpus == null ? null : corpus.lc4j());
        if (dStock != null) {
            systems.add(dStock);
        }
        String order = w.contextOrder(config.options()).name().toLowerCase(Locale.ROOT);
        if (w.splitsLikeAyo(config.options())) {
            systems.add(ayo(AYO4J_AYO_SPLIT, w.app(config.options().withContextOrder(ContextOrder.SCORE)),
                    Passes.STANDARD));
        }
        boolean own = w.ingestsPerQuery();
        try {
            log.printf("%n== %s: %d queries, %s, context by %s%n", w.label(), queries.size(),
                    own ? passages + " passages ingested per query"
                            : w.searchesCorpus() ? "corpus of " + config.corpusPassages() + " passages" : "no retrieval",
                    order);
            log.println("warming up (one unmeasured query through ayo4j and LangChain4j)...");
            // Not traced: trace files hold the measured queries only.
            load.measure(new AyoSystem(AYO4J, app, Passes.STANDARD, config.deadline()), List.of(warmup),
                    new Arrivals.OneAtATime(), own);
            load.measure(d, List.of(warmup), new Arrivals.OneAtATime(), own);
            if (dStock != null) {
                load.measure(dStock, List.of(warmup), new Arrivals.OneAtATime(), own);
            }

            List<RunReport> runs = new ArrayList<>();
            Map<String, Measured> serialRuns = runAll(load, systems, queries, new Arrivals.OneAtATime(), own);
            RunReport serial = RunStatistics.run(new Arrivals.OneAtATime(), systems, serialRuns);
            runs.add(serial);
            Map<String, List<Span>> gantt = new LinkedHashMap<>();
            gantt.put(AYO4J, serialRuns.get(AYO4J).outcomes().getFirst().spans());
            gantt.put(c.name(), serialRuns.get(c.name()).outcomes().getFirst().spans());

            List<SystemReport> ablation = new ArrayList<>();
            if (config.ablation()) {
                ablation.add(serial.system(AYO4J_NO_PASSES));
                for (int k = 1; k < Passes.STANDARD.size(); k++) {
                    List<Pass> some = Passes.STANDARD.subList(0, k);
                    AyoSystem s = ayo("+" + some.getLast().name(), app, some);
                    ablation.add(RunStatistics.system(s, load.measure(s, queries, new Arrivals.OneAtATime(), own),
                            serialRuns.get(AYO4J).outcomes()));
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
                Arrivals arrivals = new Arrivals.Poisson(rate, 42);
                poisson.add(RunStatistics.run(arrivals, systems, runAll(load, systems, queries, arrivals, own)));
            }
            runs.addAll(poisson);
            if (config.burstSize() > 0 && !rates.isEmpty()) {
                Arrivals arrivals = new Arrivals.Bursty(rates.get(rates.size() / 2), config.burstSize(), 7);
                runs.add(RunStatistics.run(arrivals, systems, runAll(load, systems, queries, arrivals, own)));
            }
            Ingestion ingestion = corpus == null ? null : corpus.ingestion();
            return new WorkloadReport(w.label(), w.searchesCorpus() ? config.corpusPassages() : 0, passages,
                    queries.size(), w.answerTokens(config.options()), order, runs, ablation, gantt,
                    RunStatistics.knee(serial, poisson, d.name()), ingestion, RunStatistics.hoisting(ingestion, serial));
        } finally {
            d.close();
            if (dStock != null) {
                dStock.close();
            }
        }
    }

    private AyoSystem ayo(String name, App app, List<Pass> passes) {
        AyoSystem s = new AyoSystem(name, app, passes, config.deadline());
        s.traces(traces);
        return s;
    }

    /** Every system through one run of {@code queries} under {@code arrivals}, keyed by system name. */
    private static Map<String, Measured> runAll(LoadGenerator load, List<BenchSystem> systems, List<BenchQuery> queries,
                                                Arrivals arrivals, boolean own) {
        Map<String, Measured> out = new LinkedHashMap<>();
        for (BenchSystem s : systems) {
            out.put(s.name(), load.measure(s, queries, arrivals, own));
        }
        return out;
    }

    /**
     * Ingests the corpus once, through ayo4j into its store (metered: the encoders' texts and busy time)
     * and through LangChain4j into its in-memory store.
     */
    private Corpus ingestCorpus() {
        List<Passage> corpus = data.corpus(config.corpusPassages());
        log.printf("ingesting the corpus once (%d passages) into ayo4j's vector store and LangChain4j's...%n",
                corpus.size());
        WorkMeter.Metered metered = WorkMeter.meter(engines.forIngestion(), config.slotSimilarity());
        long t0 = System.nanoTime();
        ingest(metered.engines(), CORPUS, corpus, config.deadline());
        long t1 = System.nanoTime();
        double lc4jBefore = lc4jEmbeddings.seconds();
        EmbeddingStore<TextSegment> lc4j = LangChain4jRag.ingest(lc4jEmbeddings, corpus);
        WorkMeter m = metered.meter();
        Ingestion ingestion = new Ingestion(corpus.size(), (t1 - t0) / 1e9, m.embedderTexts(),
                m.embedderBusy().toNanos() / 1e9, m.rerankerTexts(), m.rerankerBusy().toNanos() / 1e9,
                lc4jEmbeddings.seconds() - lc4jBefore);
        log.printf(Locale.ROOT, "   ayo4j %.1f s (embedder %d texts in %.1f s, reranker %d passage vectors hoisted in "
                        + "%.1f s), LangChain4j %.1f s%n", ingestion.ayo4jSeconds(), ingestion.embedderTexts(),
                ingestion.embedderSeconds(), ingestion.rerankerTexts(), ingestion.rerankerSeconds(),
                ingestion.langchain4jSeconds());
        return new Corpus(lc4j, ingestion);
    }

    /** Ingests {@code passages} into {@code collection} through ayo4j's ingestion app on {@code engines}. */
    public static void ingest(Engines engines, String collection, List<Passage> passages, Duration deadline) {
        PrimitiveGraph graph = new Planner(Passes.STANDARD, PlannerContext.defaults()).optimize(Apps.ingest()
                .withCollection(collection).lower(AyoSystem.shape(new BenchQuery(0, "", passages)))).result();
        try (Ayo4jRuntime runtime = engines.newRuntime()) {
            runtime.run(graph, Map.of(Apps.PASSAGES.name(), passages), deadline);
        }
    }

    private static double round(double rate) {
        return Math.round(rate * 1000) / 1000.0;
    }
}
