// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.cli.bench;

import dev.ayo4j.bench.app.BenchData;
import dev.ayo4j.bench.serve.EmbeddedServeStack;
import dev.ayo4j.bench.serve.ServeBenchmark;
import dev.ayo4j.bench.serve.ServeOutputs;
import dev.ayo4j.bench.serve.ServeReport;
import dev.ayo4j.local.LocalStackOptions;
import dev.ayo4j.models.ResolvedModel;
import dev.ayo4j.observability.files.Limits;
import dev.ayo4j.observability.files.TraceFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
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
                + "(on no-op engines) and the targets; writes JSON, CSV and plots to --out.")
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
        BenchData data = BenchData.load(engineOptions.dataset, corpusPassages, GuideDocuments.load(),
                GuideDocuments.QUESTIONS);
        String placement = String.format("LLM %s, %d thread(s); embedder and reranker %d thread(s) each; LangChain4j's "
                + "all-MiniLM-L6-v2 %d ONNX Runtime thread(s); each system its own engines; %d cores",
                resolved.description(), engineOptions.llmThreads, engineOptions.encoderThreads,
                engineOptions.encoderThreads, Runtime.getRuntime().availableProcessors());
        log.println("engines: " + placement);
        log.println("data: " + data.origin() + " (" + data.chunks().size() + " chunks, " + data.questions().size()
                + " questions)");
        Path dataDir = Files.createTempDirectory("ayo4j-bench-serve");
        ServeReport report;
        try (TraceFiles traceFiles = traces == null ? null : TraceFiles.open(traces, Limits.DEFAULT);
             EmbeddedServeStack stack = new EmbeddedServeStack(LocalStackOptions.of(resolved.path(), dataDir)
                     .withThreads(engineOptions.llmThreads, engineOptions.encoderThreads)
                     .withSynthetic(!resolved.meaningfulText()), dataDir,
                     placement)) {
            report = new ServeBenchmark(config, log).run(stack, data, traceFiles);
        } finally {
            try (Stream<Path> walk = Files.walk(dataDir)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
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
}
