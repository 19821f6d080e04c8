// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.cli.bench;

import dev.ayo4j.bench.app.BenchData;
import dev.ayo4j.bench.encoder.SplitBenchmark;
import dev.ayo4j.cli.JsonOption;
import dev.ayo4j.engine.onnx.BundledEncoder;
import dev.ayo4j.engine.onnx.EncoderModel;
import dev.ayo4j.engine.onnx.EncoderOptions;
import dev.ayo4j.spi.Passage;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ayo4j bench split}: what stage decomposition's micro-batches cost the in-process encoder. */
@Command(name = "split", mixinStandardHelpOptions = true,
        description = "Embed the same passages in one call and in k micro-batches (length order and list order),"
                + " interleaved: what stage decomposition costs the in-process ONNX encoder.")
public final class SplitBenchCommand implements Callable<Integer> {
    @Option(names = "--dataset", defaultValue = "../shared/datasets/scifact-subset",
            description = "BEIR folder with corpus.jsonl, relative to the working directory; the bundled guide is"
                    + " used if absent.")
    Path dataset;

    @Option(names = "--encoder", defaultValue = "all-minilm-l6-v2",
            description = "Bundled encoder (the local stack's embedder).")
    String encoder;

    @Option(names = "--passages", defaultValue = "300", description = "Passages embedded.")
    int passages;

    @Option(names = "--calls", split = ",", defaultValue = "1,4,15",
            description = "Numbers of calls to cut the passages into.")
    List<Integer> calls;

    @Option(names = "--rounds", defaultValue = "4", description = "Times each way runs.")
    int rounds;

    @Option(names = "--threads", defaultValue = "1", description = "ONNX Runtime threads.")
    int threads;

    @Mixin
    JsonOption json;

    @Override
    public Integer call() throws Exception {
        var settings = new SplitBenchmark.Settings(calls, rounds);
        BenchData data = GuideDocuments.benchData(dataset, passages);
        List<String> texts = data.chunks().stream().map(Passage::text).toList();
        System.out.printf("%s: %d passages from %s, %d thread(s), %d rounds%n", encoder, texts.size(), data.origin(),
                threads, rounds);
        try (EncoderModel model = EncoderModel.bundled(BundledEncoder.byName(encoder),
                EncoderOptions.DEFAULTS.withThreads(threads))) {
            SplitBenchmark.Report report = new SplitBenchmark().run(model, texts, settings, System.out);
            json.write(report);
        }
        return 0;
    }
}
