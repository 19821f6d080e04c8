package dev.ayo4j.bench.app;

import dev.ayo4j.Ayo4jException;
import dev.ayo4j.Checks;
import dev.ayo4j.app.App;
import dev.ayo4j.app.AppOptions;
import dev.ayo4j.bench.app.AppBenchReport.RunReport;
import dev.ayo4j.bench.app.AppBenchReport.SystemReport;
import dev.ayo4j.bench.app.AppBenchReport.WorkloadReport;
import dev.ayo4j.engine.onnx.BundledEncoder;
import dev.ayo4j.engine.onnx.EncoderModel;
import dev.ayo4j.engine.onnx.EncoderOptions;
import dev.ayo4j.engine.onnx.OnnxRerankEngine;
import dev.ayo4j.local.LocalStack;
import dev.ayo4j.plan.Pass;
import dev.ayo4j.plan.Passes;
import dev.langchain4j.model.embedding.EmbeddingModel;
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

/**
 * Runs workloads through four systems on the same engines in one run: (a) ayo4j with every pass, (b)
 * ayo4j with none, (c) a sequential module chain and (d) LangChain4j; first one query at a time, then
 * under Poisson arrivals at a sweep of rates, then in bursts; plus an ablation that adds one pass at a
 * time. Before every measured run the LLM is reopened and a fresh reranker opened, so no run profits
 * from prompts or passage vectors another left in a cache; each query ingests into a collection of its
 * own. One warm-up query per workload runs first.
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

    /**
     * What to run.
     *
     * @param workloads   workloads, in order
     * @param queries     measured queries per run
     * @param passages    passages per query; 0 for each workload's default
     * @param options     app sizes (expansions, top-k, answer tokens)
     * @param rates       Poisson rates in queries per second; empty to derive them from {@code loads}
     * @param loads       when {@code rates} is empty: fractions of LangChain4j's one-at-a-time throughput
     * @param poisson     whether to run the Poisson sweep
     * @param burstSize   queries per burst in the bursty run (0: no bursty run)
     * @param ablation    whether to run the one-pass-at-a-time ablation
     * @param deadline    per-query deadline of the ayo4j runtime
     */
    public record Config(List<Workload> workloads, int queries, int passages, AppOptions options, List<Double> rates,
                         List<Double> loads, boolean poisson, int burstSize, boolean ablation, Duration deadline) {
        public Config {
            workloads = List.copyOf(workloads);
            rates = List.copyOf(rates);
            loads = List.copyOf(loads);
            Checks.argument(queries > 0, "queries must be > 0: %s", queries);
            Checks.argument(passages >= 0, "passages must be >= 0: %s", passages);
        }
    }

    private final LocalStack stack;
    private final BenchData data;
    private final EmbeddingModel lc4jEmbeddings;
    private final Config config;
    private final PrintStream log;
    private final AtomicInteger collections = new AtomicInteger();

    public AppBenchmark(LocalStack stack, BenchData data, EmbeddingModel lc4jEmbeddings, Config config,
                        PrintStream log) {
        this.stack = stack;
        this.data = data;
        this.lc4jEmbeddings = lc4jEmbeddings;
        this.config = config;
        this.log = log;
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
        int passages = w.retrieves() ? (config.passages() > 0 ? config.passages() : w.defaultPassages()) : 0;
        List<BenchQuery> queries = new ArrayList<>();
        for (int i = 0; i < config.queries(); i++) {
            queries.add(data.query(i, passages));
        }
        BenchQuery warmup = data.query(config.queries(), passages);
        AyoSystem a = new AyoSystem(AYO4J, app, Passes.STANDARD, config.deadline());
        AyoSystem b = new AyoSystem(AYO4J_NO_PASSES, app, Passes.NONE, config.deadline());
        SequentialChain c = new SequentialChain(app);
        LangChain4jRag d = new LangChain4jRag(app, lc4jEmbeddings);
        List<BenchSystem> systems = List.of(a, b, c, d);
        try {
            log.printf("%n== %s: %d queries, %d passages per query%n", w.label(), queries.size(), passages);
            log.println("warming up (one unmeasured query through ayo4j and LangChain4j)...");
            measure(a, List.of(warmup), new Arrivals.OneAtATime());
            measure(d, List.of(warmup), new Arrivals.OneAtATime());

            List<RunReport> runs = new ArrayList<>();
            RunReport serial = runAll(systems, queries, new Arrivals.OneAtATime());
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
                    ablation.add(report(s, measure(s, queries, new Arrivals.OneAtATime()),
                            outcomes.get(AYO4J)));
                }
                ablation.add(serial.system(AYO4J));
            }

            List<Double> rates = config.rates();
            if (rates.isEmpty()) {
                double capacity = 1000 / serial.system(d.name()).meanMs();
                rates = config.loads().stream().map(l -> round(l * capacity)).toList();
            }
            for (double rate : config.poisson() ? rates : List.<Double>of()) {
                runs.add(runAll(systems, queries, new Arrivals.Poisson(rate, 42)));
            }
            if (config.burstSize() > 0 && !rates.isEmpty()) {
                runs.add(runAll(systems, queries, new Arrivals.Bursty(rates.get(rates.size() / 2), config.burstSize(),
                        7)));
            }
            return new WorkloadReport(w.label(), passages, queries.size(), config.options().answerTokens(), runs,
                    ablation, gantt);
        } finally {
            d.close();
        }
    }

    private final Map<String, List<QueryOutcome>> outcomes = new LinkedHashMap<>();
    private final Map<String, List<Span>> lastSpans = new LinkedHashMap<>();

    private RunReport runAll(List<BenchSystem> systems, List<BenchQuery> queries, Arrivals arrivals) {
        log.printf("-- %s%n", arrivals.label());
        outcomes.clear();
        for (BenchSystem s : systems) {
            List<QueryOutcome> out = measure(s, queries, arrivals);
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
        double ratio = ayo.stream().mapToDouble(o -> (double) o.serviceNanos() / o.criticalPathNanos()).average()
                .orElse(Double.NaN);
        return new RunReport(arrivals.label(), arrivals.rate(), reports, speedups, ratio);
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

    /** Runs {@code queries} through {@code s} under {@code arrivals} on a freshly reopened LLM. */
    List<QueryOutcome> measure(BenchSystem s, List<BenchQuery> queries, Arrivals arrivals) {
        stack.reopenLlm();
        OnnxRerankEngine reranker = OnnxRerankEngine.similarity(stack.reranker().name(),
                EncoderModel.bundled(BundledEncoder.BGE_SMALL_EN_V15,
                        EncoderOptions.DEFAULTS.withThreads(stack.options().encoderThreads())));
        s.begin(new Engines(stack.llm(), stack.embedder(), reranker, stack.vectors()));
        try {
            List<QueryOutcome> out = new ArrayList<>();
            if (arrivals instanceof Arrivals.OneAtATime) {
                for (BenchQuery q : queries) {
                    out.add(s.answer(q, collection()));
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
                        String coll = collection();
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
            reranker.close();
        }
    }

    private String collection() {
        return "bench-" + collections.incrementAndGet();
    }

    private static double round(double rate) {
        return Math.round(rate * 1000) / 1000.0;
    }
}
