// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.cli.bench;

import dev.ayo4j.bench.encoder.EncoderBenchmark;
import dev.ayo4j.bench.encoder.Svg;
import dev.ayo4j.cli.JsonOption;
import dev.ayo4j.cli.encoder.PolicyNames;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ayo4j bench encoder}: encoder batching policies on the real ONNX engine, checked against the simulator. */
@Command(name = "encoder", mixinStandardHelpOptions = true,
        description = "Throughput and latency of encoder batch policies on the in-process ONNX engine.")
public final class EncoderBenchCommand implements Callable<Integer> {
    @Option(names = "--dataset", defaultValue = "../shared/datasets/scifact-subset",
            description = "SciFact subset folder, relative to the working directory.")
    Path dataset;

    @Option(names = "--policies", split = ",", defaultValue = "fifo-fixed,fifo-token-budget,arlo",
            description = "Policies to compare, of: ${COMPLETION-CANDIDATES}.",
            completionCandidates = PolicyNames.class)
    List<String> policies;

    @Option(names = "--rates", split = ",", defaultValue = "20,40,60",
            description = "Poisson rates of the skewed workload, req/s.")
    List<Double> rates;

    @Option(names = "--seconds", defaultValue = "8", description = "Length of each timed run.")
    double seconds;

    @Option(names = "--saturation", defaultValue = "300", description = "Requests of each saturation run.")
    int saturation;

    @Option(names = "--twitter-rate", defaultValue = "80", description = "Poisson rate of the Twitter-shaped run.")
    double twitterRate;

    @Option(names = "--threads", defaultValue = "2", description = "ONNX Runtime threads.")
    int threads;

    @Option(names = "--seed", defaultValue = "42", description = "Seed.")
    long seed;

    @Mixin
    JsonOption json;

    @Option(names = "--svg", defaultValue = "encoder-latency.svg",
            description = "Latency-vs-rate chart of the skewed workload.")
    Path svg;

    @Override
    public Integer call() throws Exception {
        var settings = new EncoderBenchmark.Settings(dataset, policies, rates.stream().sorted().toList(), seconds,
                saturation, twitterRate, threads, seed);
        EncoderBenchmark.Report report = new EncoderBenchmark().run(settings, System.out);
        Files.writeString(svg, Svg.latencyVsRate(report.runs(), "skewed"));
        System.out.println("wrote " + svg);
        json.write(report);
        return 0;
    }
}
