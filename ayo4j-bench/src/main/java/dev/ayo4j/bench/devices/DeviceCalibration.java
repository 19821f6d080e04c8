// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.bench.devices;

import dev.ayo4j.app.AppOptions;
import dev.ayo4j.bench.app.AppBenchmark;
import dev.ayo4j.bench.app.BenchData;
import dev.ayo4j.bench.app.BenchQuery;
import dev.ayo4j.bench.app.EngineSource;
import dev.ayo4j.bench.app.Engines;
import dev.ayo4j.bench.app.SequentialChain;
import dev.ayo4j.bench.app.Workload;
import dev.ayo4j.primitive.Primitive;
import dev.ayo4j.spi.Batch;
import dev.ayo4j.spi.Engine;
import dev.ayo4j.spi.Task;
import dev.ayo4j.spi.TaskId;
import dev.ayo4j.spi.TaskResult;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Fits {@link DeviceCosts} on this machine's engines: the workloads' queries run through the sequential
 * chain, one engine call at a time, so every call's time is its engine's alone; a first query per
 * workload warms the engines up and is not sampled. Workloads that search a corpus search one of
 * the measured runs' size, ingested first (not sampled).
 */
public final class DeviceCalibration {
    /** The collection the calibration corpus goes into. */
    static final String CORPUS = "calibration-corpus";

    private DeviceCalibration() {}

    /**
     * Runs {@code queries} sampled queries (plus one warm-up) of each of {@code workloads} through the
     * sequential chain on {@code real}'s engines and fits the costs; logs what it fitted.
     */
    public static DeviceCosts run(EngineSource real, BenchData data, List<Workload> workloads, AppOptions options,
                                  int queries, int corpusPassages, int docQaPassages, double slotSimilarity, Duration deadline,
                                  PrintStream log) {
        log.printf("calibrating the modeled devices on this machine's engines (sequential chain, %d queries per "
                + "workload)...%n", queries);
        long t0 = System.nanoTime();
        CostSamples samples = new CostSamples();
        Engines opened = real.open();
        try {
            Engines timed = new Engines(new RecordingEngine(opened.llm(), samples, slotSimilarity),
                    new RecordingEngine(opened.embedder(), samples, slotSimilarity),
                    new RecordingEngine(opened.reranker(), samples, slotSimilarity),
                    new RecordingEngine(opened.vectors(), samples, slotSimilarity));
            if (workloads.stream().anyMatch(Workload::searchesCorpus)) {
                samples.sampling(false);
                AppBenchmark.ingest(timed, CORPUS, data.corpus(corpusPassages), deadline);
            }
            for (Workload w : workloads) {
                SequentialChain chain = new SequentialChain(w.app(options));
                int passages = w.ingestsPerQuery() ? (docQaPassages > 0 ? docQaPassages : w.defaultPassages()) : 0;
                chain.begin(timed);
                try {
                    for (int i = 0; i <= queries; i++) {
                        // The first query warms the engines up and is not sampled.
                        samples.sampling(i > 0);
                        BenchQuery query = data.query(i, passages);
                        chain.answer(query, w.ingestsPerQuery() ? "calibration-" + w.label() + "-" + i : CORPUS);
                        if (w.searchesCorpus()) {
                            sampleQuestionOnlyRerank(opened.reranker(), query.question(), samples);
                        }
                    }
                } finally {
                    chain.end();
                }
            }
        } finally {
            real.close(opened);
        }
        DeviceCosts costs = samples.fit();
        log.printf(Locale.ROOT, "   %d calls in %.1f s: %s%n", samples.calls(), (System.nanoTime() - t0) / 1e9,
                costs.describe());
        return costs;
    }

    /**
     * Times the call a hoisted rerank makes, which embeds only its question on the reranker's model (the
     * passages' vectors come from the store), as a rerank sample of the question's characters: the chain's
     * reranks embed every candidate, so without these the fitted line's small end is an extrapolation (it
     * put a 217 ms intercept on every call). Only for a reranker that also embeds (a similarity reranker; a
     * cross-encoder's rerank is never hoisted). The text is the question with a mark added, so that the
     * reranker's cache of texts, which holds the question since the chain's rerank, does not serve it.
     */
    static void sampleQuestionOnlyRerank(Engine reranker, String question, CostSamples samples) {
        if (!reranker.capabilities().primitives().contains(Primitive.Embed.class)) {
            return;
        }
        String text = question + " ?";
        Task probe = new Task(new TaskId("calibration", "question-only-rerank"),
                new Primitive.Embed(reranker.name(), 1, Math.max(1, text.length() / 4)),
                Map.of(Primitive.Embed.TEXTS.name(), List.of(text)), _ -> { });
        long start = System.nanoTime();
        TaskResult result = reranker.execute(new Batch(0, List.of(probe))).getFirst();
        long nanos = System.nanoTime() - start;
        if (result instanceof TaskResult.Success) {
            samples.addQuestionOnlyRerank(text.length(), nanos);
        }
    }
}
