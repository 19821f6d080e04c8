// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.cli.bench;

import dev.ayo4j.Ayo4jException;
import dev.ayo4j.app.AppOptions;
import dev.ayo4j.api.AppFiles;
import dev.ayo4j.bench.app.AppBenchCsv;
import dev.ayo4j.bench.app.AppBenchReport;
import dev.ayo4j.bench.app.AppBenchTables;
import dev.ayo4j.bench.app.AppBenchmark;
import dev.ayo4j.bench.app.BenchData;
import dev.ayo4j.bench.app.EngineSource;
import dev.ayo4j.bench.app.LocalEngines;
import dev.ayo4j.bench.app.Placement;
import dev.ayo4j.bench.app.SpecEngines;
import dev.ayo4j.api.EngineFiles;
import dev.ayo4j.bench.app.SvgPlots;
import dev.ayo4j.bench.app.Workload;
import dev.ayo4j.bench.devices.DeviceCalibration;
import dev.ayo4j.bench.devices.DeviceCosts;
import dev.ayo4j.bench.devices.ModeledDevices;
import dev.ayo4j.bench.devices.Sleeper;
import dev.ayo4j.cli.ContextOrderOption;
import dev.ayo4j.cli.Json;
import dev.ayo4j.local.LocalStack;
import dev.ayo4j.local.LocalStackOptions;
import dev.ayo4j.models.ResolvedModel;
import dev.ayo4j.observability.files.Limits;
import dev.ayo4j.observability.files.TraceFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ayo4j bench app}: an app end to end through ayo4j (all passes), ayo4j (no passes), a sequential
 * module chain and LangChain4j 1.x, on the same embedded engines in one run.
 */
@Command(name = "app", mixinStandardHelpOptions = true,
        description = "Run an app end to end through ayo4j (all passes and none), a sequential module chain and "
                + "LangChain4j on the same engines: one query at a time, Poisson arrivals over a sweep of rates, "
                + "and bursts; print latency tables, the speedups and a pass ablation; write JSON and SVG plots.")
public final class AppBenchCommand implements Callable<Integer> {

    @Option(names = "--app", defaultValue = "advanced-rag", split = ",", paramLabel = "NAME|FILE",
            description = "Workloads, comma-separated: built-in apps (naive-rag, advanced-rag, doc-qa, multi-call) "
                    + "or app files (.yaml, .yml) with their own sizes, run over the benchmark's corpus.")
    List<String> apps;

    @Option(names = "--workload", defaultValue = "serial,poisson,bursty", split = ",",
            description = "Arrival patterns: serial (one at a time; always run), poisson, bursty.")
    List<String> arrivals;

    @Option(names = "--rates", split = ",", description = "Poisson rates in queries/s (default: --loads times "
            + "LangChain4j's one-at-a-time throughput).")
    @Nullable List<Double> rates;

    @Option(names = "--loads", defaultValue = "0.4,0.8,1.2", split = ",",
            description = "Without --rates: rates as fractions of LangChain4j's one-at-a-time throughput.")
    List<Double> loads;

    @Option(names = "--queries", defaultValue = "4", description = "Measured queries per run.")
    int queries;

    @Option(names = "--passages", defaultValue = "0",
            description = "Passages each doc-qa query ingests itself (default: 300).")
    int passages;

    @Option(names = "--corpus-passages", defaultValue = "2000",
            description = "Passages of the corpus that naive-rag and advanced-rag search, ingested once before the "
                    + "run.")
    int corpusPassages;

    @Mixin
    ContextOrderOption contextOrder;

    @Option(names = "--answer-tokens", defaultValue = "48", description = "Tokens of every answer.")
    int answerTokens;

    @Option(names = "--burst", defaultValue = "3", description = "Queries per burst.")
    int burst;

    @Option(names = "--no-ablation", description = "Skip the one-pass-at-a-time ablation.")
    boolean noAblation;

    @Mixin
    BenchEngineOptions engineOptions;

    @Option(names = "--placement", defaultValue = "pinned", split = ",", paramLabel = "pinned|shared|split",
            description = "How the engines use the cores: pinned (the LLM and each encoder on --llm-threads and "
                    + "--encoder-threads of their own, a device each), shared (every engine on every core, as a "
                    + "deployment on a CPU box runs them) or split (the LLM processes prompts on every core, decodes on "
                    + "the cores the encoders' --encoder-threads leave it, and its threads sleep rather than busy-wait "
                    + "when out of work). Every system runs on the first; each further one adds "
                    + "ayo4j with every pass on engines so placed (e.g. ayo4j-shared). langchain4j-stock runs on the "
                    + "shared engines where the run has them, as a deployment on a CPU box would.")
    List<String> placementNames;

    @Option(names = "--deadline", defaultValue = "PT10M", description = "Deadline per query.")
    Duration deadline;

    @Mixin
    DevicesOption devices;

    @Option(names = "--engines", paramLabel = "FILE",
            description = "Engine file naming one engine per role (llm, embedder, reranker, vectors), each made by "
                    + "its provider; default: the embedded engines.")
    @Nullable Path engineFile;

    @Option(names = "--json", description = "Write the report as JSON to this file.")
    @Nullable Path json;

    @Option(names = "--traces", description = "Also write the ayo4j systems' runs and primitives as Parquet trace files to this folder.")
    @Nullable Path traces;

    @Option(names = "--csv", description = "Write one row per workload, arrival pattern and system (latency and "
            + "work per query) as CSV to this file.")
    @Nullable Path csv;

    @Option(names = "--plots", description = "Write SVG plots (latency vs rate, Gantt of one query) to this folder.")
    @Nullable Path plots;

    @Override
    public Integer call() throws IOException {
        var out = System.out;
        List<Workload> workloads = apps.stream().map(String::strip).map(AppBenchCommand::workload).toList();
        ResolvedModel resolved = engineOptions.resolveModel();
        int maxPassages = workloads.stream().filter(Workload::ingestsPerQuery)
                .mapToInt(w -> passages > 0 ? passages : w.defaultPassages()).max().orElse(0);
        BenchData data = GuideDocuments.benchData(engineOptions.dataset,
                Math.max(corpusPassages, maxPassages * (queries + 1)));
        List<Placement> placements = placements(placementNames);
        if (devices.modeled() && placements.size() > 1) {
            throw new IllegalArgumentException("--devices modeled places every engine on a device of its own; "
                    + "give --placement one placement");
        }
        int cores = Runtime.getRuntime().availableProcessors();
        Placement.Threads pinned = new Placement.Threads(engineOptions.threads.llmThreads,
                engineOptions.threads.encoderThreads);
        Placement.Threads threads = placements.getFirst().threads(pinned, cores);
        String placement = describe(placements, pinned, cores);
        out.println("LLM: " + resolved.description());
        out.println("placement: " + placement);
        out.println("data: " + data.origin() + " (" + data.chunks().size() + " chunks, " + data.questions().size()
                + " questions)");
        if (engineFile != null) {
            AppBenchReport report = runOnFile(data, workloads, placement, out);
            finish(report, out);
            return 0;
        }
        Path dataDir = Files.createTempDirectory("ayo4j-bench-app");
        AppBenchReport report;
        try (TraceFiles traceFiles = traces == null ? null : TraceFiles.open(traces, Limits.DEFAULT);
             ExecutorService lc4jExecutor = Executors.newSingleThreadExecutor();
             LocalStack stack = LocalStack.open(LocalStackOptions.of(resolved.path(), dataDir)
                     .withThreads(threads.llm(), threads.llmBatch(), threads.llmPolls(), threads.encoder())
                     // A slot per template per query in flight: one at a time, or about two at the loads measured.
                     .withSlotsFor(workloads.stream().map(w -> w.app(AppOptions.DEFAULT)).toList(),
                             arrivals.contains("poisson") || arrivals.contains("bursty") ? 2 : 1)
                     .withSynthetic(!resolved.meaningfulText()))) {
            var lc4jEmbeddings = AppBenchmark.langChain4jMiniLm(threads.encoder(), lc4jExecutor);
            EngineSource engines = new LocalEngines(stack);
            Map<Placement, EngineSource> others = new LinkedHashMap<>();
            for (Placement p : placements.subList(1, placements.size())) {
                others.put(p, LocalEngines.withThreads(stack, p.threads(pinned, cores)));
            }
            var config = config(workloads, stack.llm().options().slotSimilarity());
            if (devices.modeled()) {
                float similarity = stack.llm().options().slotSimilarity();
                DeviceCosts costs = DeviceCalibration.run(engines, data, workloads, config.options(),
                        devices.calibrationQueries, corpusPassages, passages, similarity, deadline, out);
                engines = new ModeledDevices(engines.forIngestion(), costs, similarity, Sleeper.REAL);
                placement = "modeled devices (a projection): every ayo4j engine on a device of its own, a prefill "
                        + "holding the LLM, generations in flight decoding together, an encoder serving one call at "
                        + "a time; costs fitted on this machine's engines (" + placement + "): " + costs.describe()
                        + "; LangChain4j's all-MiniLM-L6-v2 and langchain4j-stock's models on this machine's CPU, "
                        + "so their searches, and so their answers, differ from those of the modeled engines, whose "
                        + "vectors are stand-ins (same answer: only ayo4j's systems compare)";
                out.println("placement: " + placement);
            }
            AppBenchmark bench = new AppBenchmark(engines, data, lc4jEmbeddings, config, out)
                    .stock(AppBenchmark.Stock.open()).placements(others);
            if (traceFiles != null) {
                bench = bench.traces(traceFiles::listener);
                out.println("trace files: " + traceFiles.directory());
            }
            report = bench.run(resolved.description(), placement);
        } finally {
            ScratchFiles.deleteRecursively(dataDir);
        }
        finish(report, out);
        return 0;
    }

    /** The benchmark on the engines of {@link #engineFile}; modeled devices need the embedded LLM's settings. */
    private AppBenchReport runOnFile(BenchData data, List<Workload> workloads, String placement,
                                     java.io.PrintStream out) {
        if (devices.modeled()) {
            throw new IllegalArgumentException("--devices modeled fits costs on the embedded engines; drop --engines");
        }
        if (placementNames.size() > 1) {
            throw new IllegalArgumentException("--placement places the embedded engines; with --engines give one");
        }
        try (TraceFiles traceFiles = traces == null ? null : TraceFiles.open(traces, Limits.DEFAULT);
             ExecutorService lc4jExecutor = Executors.newSingleThreadExecutor();
             SpecEngines engines = new SpecEngines(EngineFiles.load(engineFile))) {
            var lc4jEmbeddings = AppBenchmark.langChain4jMiniLm(engineOptions.threads.encoderThreads, lc4jExecutor);
            out.println("engines: " + engines.describe());
            var config = config(workloads, engines.slotSimilarity());
            AppBenchmark bench = new AppBenchmark(engines, data, lc4jEmbeddings, config, out)
                    .stock(AppBenchmark.Stock.open());
            if (traceFiles != null) {
                bench = bench.traces(traceFiles::listener);
                out.println("trace files: " + traceFiles.directory());
            }
            return bench.run("engine file " + engineFile,
                    "the engines of " + engineFile + " (" + engines.describe() + "); LangChain4j: " + placement);
        }
    }

    private AppBenchmark.Config config(List<Workload> workloads, double slotSimilarity) {
        return new AppBenchmark.Config(workloads, queries, passages, corpusPassages,
                AppOptions.DEFAULT.withAnswerTokens(answerTokens).withContextOrder(contextOrder.value),
                rates == null ? List.of() : rates, loads, arrivals.contains("poisson"),
                arrivals.contains("bursty") ? burst : 0, !noAblation, deadline, slotSimilarity);
    }

    private void finish(AppBenchReport report, java.io.PrintStream out) throws IOException {
        AppBenchTables.print(report, out);
        if (json != null) {
            Json.write(json, report);
            out.println("wrote " + json);
        }
        if (csv != null) {
            AppBenchCsv.write(report, csv);
            out.println("wrote " + csv);
        }
        if (plots != null) {
            Files.createDirectories(plots);
            for (AppBenchReport.WorkloadReport w : report.workloads()) {
                Files.writeString(plots.resolve(w.workload() + "-latency-vs-rate.svg"), SvgPlots.latencyVsRate(w));
                Files.writeString(plots.resolve(w.workload() + "-gantt.svg"), SvgPlots.gantt(w));
            }
            out.println("wrote plots to " + plots);
        }
    }

    /** The placements {@code names} name, in order: the first the run's, the others (a)'s alone; no repeats. */
    static List<Placement> placements(List<String> names) {
        List<Placement> out = names.stream().map(Placement::of).toList();
        if (out.isEmpty() || new java.util.HashSet<>(out).size() != out.size()) {
            throw new IllegalArgumentException("--placement names each placement once: " + names);
        }
        return out;
    }

    /** The placement line of the report: where each engine runs, and LangChain4j's encoders. */
    static String describe(List<Placement> placements, Placement.Threads pinned, int cores) {
        Placement first = placements.getFirst();
        Placement.Threads t = first.threads(pinned, cores);
        StringBuilder s = new StringBuilder(String.format(java.util.Locale.ROOT, "%s: %s; embedder and "
                + "reranker %d thread(s) each (ayo4j engines); LangChain4j's all-MiniLM-L6-v2 with a 1-thread "
                + "executor and %d ONNX Runtime thread(s); langchain4j-stock: LangChain4j's stock models (a pool of "
                + "one thread per core, ONNX Runtime's default threads) and the LLM of the %s placement; %d cores",
                first.label(), t.describeLlm(), t.encoder(), t.encoder(),
                placements.contains(Placement.SHARED) ? Placement.SHARED.label() : first.label(), cores));
        for (Placement p : placements.subList(1, placements.size())) {
            Placement.Threads o = p.threads(pinned, cores);
            s.append(String.format(java.util.Locale.ROOT, "; %s: engines of its own placed %s: %s, "
                    + "embedder and reranker %d each", p.ayo4jSystem(), p.label(), o.describeLlm(), o.encoder()));
        }
        return s.toString();
    }

    /** A built-in workload by name, or the app of an app file (.yaml, .yml), checked before anything runs. */
    static Workload workload(String app) {
        if (AppFiles.isAppFile(app)) {
            return Workload.of(AppFiles.load(Path.of(app)), app);
        }
        return Workload.of(app);
    }

    static List<String> workloadLabels() {
        return Arrays.asList(Workload.labels().toArray(String[]::new));
    }
}
