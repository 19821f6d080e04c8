// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.cli.bench;

import dev.ayo4j.app.AppOptions;
import dev.ayo4j.bench.app.AppBenchmark;
import dev.ayo4j.bench.app.BenchData;
import dev.ayo4j.bench.app.EngineSource;
import dev.ayo4j.bench.app.LocalEngines;
import dev.ayo4j.bench.app.Workload;
import dev.ayo4j.bench.devices.DeviceCalibration;
import dev.ayo4j.bench.devices.DeviceCosts;
import dev.ayo4j.bench.devices.Sleeper;
import dev.ayo4j.bench.serve.ModeledServeStack;
import dev.ayo4j.bench.serve.EmbeddedServeStack;
import dev.ayo4j.bench.serve.ServeBenchmark;
import dev.ayo4j.bench.serve.ServeOutputs;
import dev.ayo4j.bench.serve.ServeReport;
import dev.ayo4j.local.LocalStack;
import dev.ayo4j.local.LocalStackOptions;
import dev.ayo4j.models.ResolvedModel;
import dev.ayo4j.observability.files.Limits;
import dev.ayo4j.observability.files.TraceFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ayo4j bench serve}: a real arrival trace replayed over loopback HTTP against {@code ayo4j serve} and
 * against the same app as a LangChain4j pipeline behind the same Helidon stack, on the embedded engines.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Replay a real arrival trace (Azure's LLM inference trace, time-scaled to --rates) open-loop "
                + "over loopback HTTP against ayo4j serve and against the same advanced-rag app as a LangChain4j "
                + "pipeline behind the same Helidon stack, on the embedded engines; each request a streamed OpenAI "
                + "chat completion asking a SciFact claim. Prints throughput, P50/P90/P99 latency, time to first "
                + "token, goodput at --slo, 429s and errors per system and rate, the server's overhead per request "
                + "(on no-op engines) and the targets; writes JSON, CSV and plots to --out. --devices modeled projects "
                + "the same replay onto engines modeled on devices of their own.")
public final class ServeBenchCommand implements Callable<Integer> {
    @Option(names = "--trace", defaultValue = "../shared/datasets/azure-llm-inference-2023/conv.csv",
            description = "Arrival trace (TIMESTAMP,ContextTokens,GeneratedTokens), relative to the working directory.")
    Path trace;

    @Option(names = "--trace-start", defaultValue = "0", description = "Index of the first request of the window replayed.")
    int traceStart;

    @Option(names = "--requests", defaultValue = "8", description = "Requests per rate: the window's size.")
    int requests;

    @Option(names = "--rates", split = ",", defaultValue = "0.1,0.2,0.3",
            description = "Mean rates in requests/s the window is scaled to (its inter-arrival pattern kept).")
    List<Double> rates;

    @Option(names = "--serial-requests", defaultValue = "4",
            description = "Requests sent one at a time to each system first: the baseline of the targets.")
    int serialRequests;

    @Option(names = "--slo", defaultValue = "PT15S", description = "Latency SLO of the goodput (ISO-8601 duration).")
    Duration slo;

    @Option(names = "--corpus-passages", defaultValue = "500",
            description = "SciFact passages each system ingests once before anything is measured.")
    int corpusPassages;

    @Option(names = "--overhead-requests", defaultValue = "300",
            description = "Requests per path (HTTP, front door) of the overhead measurement on no-op engines.")
    int overheadRequests;

    @Option(names = "--overhead-only", description = "Measure only the server's overhead per request (no-op "
            + "engines, seconds) and stop.")
    boolean overheadOnly;

    @Option(names = "--request-timeout", defaultValue = "PT5M", description = "How long the load generator waits "
            + "for one response.")
    Duration requestTimeout;

    @Mixin
    BenchEngineOptions engineOptions;

    @Mixin
    DevicesOption devices;

    @Option(names = "--out", paramLabel = "DIR", description = "Write serve.json, serve-summary.csv, "
            + "serve-requests.csv and serve-latency-vs-rate.png/.svg to DIR.")
    @Nullable Path out;

    @Option(names = "--traces", paramLabel = "DIR", description = "Write the ayo4j server's run traces (Parquet) "
            + "to DIR, for `ayo4j analyze runs DIR`.")
    @Nullable Path traces;

    @Override
    public Integer call() throws IOException {
        var log = System.out;
        if (overheadOnly) {
            ServeBenchmark.overhead(overheadRequests, log);
            return 0;
        }
        var config = new ServeBenchmark.Config(trace, traceStart, requests, rates, serialRequests, slo, corpusPassages,
                overheadRequests, requestTimeout);
        ResolvedModel resolved = engineOptions.resolveModel();
        BenchData data = GuideDocuments.benchData(engineOptions.dataset, corpusPassages);
        String placement = String.format("LLM %s, %d thread(s); embedder and reranker %d thread(s) each; LangChain4j's "
                + "all-MiniLM-L6-v2 %d ONNX Runtime thread(s); each system its own engines; %d cores",
                resolved.description(), engineOptions.threads.llmThreads, engineOptions.threads.encoderThreads,
                engineOptions.threads.encoderThreads, Runtime.getRuntime().availableProcessors());
        log.println("engines: " + placement);
        log.println("data: " + data.origin() + " (" + data.chunks().size() + " chunks, " + data.questions().size()
                + " questions)");
        Path dataDir = Files.createTempDirectory("ayo4j-bench-serve");
        ServeReport report;
        LocalStackOptions options = engineOptions.threads.applyTo(LocalStackOptions.of(resolved.path(), dataDir))
                .withSynthetic(!resolved.meaningfulText());
        try (TraceFiles traceFiles = traces == null ? null : TraceFiles.open(traces, Limits.DEFAULT)) {
            if (devices.modeled()) {
                report = modeled(options, config, data, placement, traceFiles);
            } else {
                try (EmbeddedServeStack stack = new EmbeddedServeStack(options, dataDir, placement)) {
                    report = new ServeBenchmark(config, log).run(stack, data, traceFiles);
                }
            }
        } finally {
            ScratchFiles.deleteRecursively(dataDir);
        }
        ServeOutputs.print(report, log);
        if (out != null) {
            log.println("wrote " + ServeOutputs.write(report, out));
        }
        if (traces != null) {
            log.println("run traces of " + ServeBenchmark.AYO4J + " in " + traces + ": bin/ayo4j analyze runs " + traces);
        }
        return 0;
    }

    /**
     * The benchmark on modeled devices: costs fitted on this machine's engines (advanced-rag through the
     * sequential chain, one call at a time), then both systems on devices of their own at those costs.
     */
    private ServeReport modeled(LocalStackOptions options, ServeBenchmark.Config config, BenchData data,
                                String placement, @Nullable TraceFiles traceFiles) {
        var log = System.out;
        try (ExecutorService lc4jExecutor = Executors.newSingleThreadExecutor();
             LocalStack real = LocalStack.open(options)) {
            EngineSource engines = new LocalEngines(real);
            float similarity = real.llm().options().slotSimilarity();
            DeviceCosts costs = DeviceCalibration.run(engines, data, List.of(Workload.ADVANCED_RAG), AppOptions.DEFAULT,
                    devices.calibrationQueries, config.corpusPassages(), 0, similarity, Duration.ofMinutes(10), log);
            String modeled = "modeled devices (a projection): each system's engines on devices of their own, a prefill "
                    + "holding the LLM, generations in flight decoding together, an encoder serving one call at a "
                    + "time; costs fitted on this machine's engines (" + placement + "): " + costs.describe()
                    + "; LangChain4j's all-MiniLM-L6-v2 on this machine's CPU";
            log.println("engines: " + modeled);
            ModeledServeStack stack = new ModeledServeStack(engines.forIngestion(), costs, similarity, Sleeper.REAL,
                    AppBenchmark.langChain4jMiniLm(engineOptions.threads.encoderThreads, lc4jExecutor), modeled);
            try (stack) {
                return new ServeBenchmark(config, log).run(stack, data, traceFiles);
            }
        }
    }
}
