// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.bench.app;

import dev.ayo4j.runtime.QueryResult;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Everything an app benchmark measured, ready for JSON.
 *
 * @param model     the LLM, in words
 * @param placement where the engines ran (threads per engine)
 * @param data      where the passages and questions came from
 * @param workloads one report per workload
 */
public record AppBenchReport(String model, String placement, String data, List<WorkloadReport> workloads) {
    public AppBenchReport {
        workloads = List.copyOf(workloads);
    }

    /**
     * One workload: its runs per arrival pattern, the pass ablation (one at a time), one query's
     * timeline per system for a Gantt chart, and the load knee.
     *
     * @param corpusPassages   passages ingested once before the run (0 if the workload searches none)
     * @param passagesPerQuery passages each query ingests itself (0 if none)
     * @param contextOrder     order of the answer's context in ayo4j's app
     * @param knee             the Poisson run at the knee of LangChain4j's load curve; null without one
     * @param ingestion        the one-time ingestion of the corpus the workload searches; null if it searches none
     * @param hoisting         what hoisting the reranker's passage vectors to ingestion saves ayo4j per query
     *                         one at a time, and after how many queries it pays back; null if nothing was hoisted
     */
    public record WorkloadReport(String workload, int corpusPassages, int passagesPerQuery, int queries,
                                 int answerTokens, String contextOrder, List<RunReport> runs,
                                 List<SystemReport> ablation, Map<String, List<Span>> gantt, @Nullable Knee knee,
                                 @Nullable Ingestion ingestion, @Nullable Hoisting hoisting) {}

    /**
     * The one-time ingestion of a corpus, before anything is measured: ayo4j's (its standard passes, so the
     * reranker's passage vectors are hoisted here) and LangChain4j's.
     *
     * @param passages          passages ingested
     * @param ayo4jSeconds      ayo4j's ingestion, end to end
     * @param embedderTexts     texts ayo4j's embedder encoded
     * @param embedderSeconds   the embedder's busy time
     * @param rerankerTexts     passage vectors ayo4j's reranker computed for storing (hoisted; 0 without hoisting)
     * @param rerankerSeconds   the reranker's busy time: the one-time cost of hoisting
     * @param langchain4jSeconds LangChain4j's ingestion into its in-memory store
     */
    public record Ingestion(int passages, double ayo4jSeconds, long embedderTexts, double embedderSeconds,
                            long rerankerTexts, double rerankerSeconds, double langchain4jSeconds) {}

    /**
     * What hoisting saves ayo4j: rerank texts it need not encode per query, and the number of queries after
     * which the one-time cost ({@link Ingestion#rerankerSeconds()}) is paid back, at ingestion's cost per text.
     *
     * @param savedTextsPerQuery passages scored with a stored vector that the reranker's text cache would not
     *                           have held either, per query
     * @param savedSecondsPerQuery those texts at ingestion's seconds per text
     * @param paybackQueries     queries after which hoisting paid back; infinite if it saves nothing
     */
    public record Hoisting(double savedTextsPerQuery, double savedSecondsPerQuery, double paybackQueries) {}

    /**
     * The work one system did per query, means over one run's queries.
     *
     * @param promptTokens    prompt tokens sent to the LLM as the engine counted them (at 4 characters a token
     *                        where it reported none), warm-up prefixes included
     * @param prefilledTokens of those, the tokens the LLM prefilled, those after the prefix its slot had cached
     * @param prefilledFrom   where {@code prefilledTokens} comes from (the engine's own count, or a model of its
     *                        prompt cache where the engine reports none)
     * @param embedderTexts   texts the embedder encoded (LangChain4j's own model for LangChain4j)
     * @param rerankerTexts   texts the reranker encoded: questions and passages, each once per run, for a
     *                        similarity reranker (it caches vectors by text); pairs for a cross-encoder
     * @param storedVectors   candidates scored with a passage vector stored at ingestion (not encoded)
     * @param savedTexts      of those, the ones the reranker's text cache would not have held either
     */
    public record Work(double promptTokens, double prefilledTokens, String prefilledFrom, double embedderTexts,
                       double rerankerTexts, double storedVectors, double savedTexts) {
        /** No work counted (an ablation row, a test). */
        public static final Work NONE = new Work(0, 0, "", 0, 0, 0, 0);
    }

    /**
     * All systems under one arrival pattern.
     *
     * @param speedups                 mean latency of each other system over ayo4j's
     * @param ayo4jEndToEndOverCritical ayo4j's mean ratio of end-to-end time to its critical path
     * @param ayo4jEndToEndOverBound   ayo4j's mean ratio of end-to-end time to its lower bound, the larger of
     *                                 the critical path and the busiest engine's busy time
     * @param answerTail               the answer call after its last input, ayo4j against ayo4j without
     *                                 passes; null for apps without a rerank before the answer
     * @param warmUps                  ayo4j's warm-up prefills, summed over the run's queries
     */
    public record RunReport(String arrivals, double rate, List<SystemReport> systems, Map<String, Double> speedups,
                            double ayo4jEndToEndOverCritical, double ayo4jEndToEndOverBound,
                            @Nullable AnswerTail answerTail, QueryResult.WarmUps warmUps) {
        /** The system called {@code name}. */
        public SystemReport system(String name) {
            return systems.stream().filter(s -> s.system().equals(name)).findFirst().orElseThrow();
        }

        /** Of the warm-ups sent, the share that fell back to a full prefill; NaN if none was sent. */
        public double fallbackRate() {
            int sent = warmUps.total();
            return sent == 0 ? Double.NaN : (double) warmUps.fellBack() / sent;
        }
    }

    /**
     * The answer call's time after its last input (the reranked context) was final, mean over the queries.
     *
     * @param ayo4jMs     with every pass
     * @param noPassesMs  without passes, where it is the whole answer call
     * @param share       {@code ayo4jMs / noPassesMs}
     */
    public record AnswerTail(double ayo4jMs, double noPassesMs, double share) {}

    /**
     * The first Poisson rate at which LangChain4j's P90 reached twice its one-at-a-time P90, and ayo4j's P90
     * there.
     *
     * @param ratio LangChain4j's P90 over ayo4j's
     */
    public record Knee(double rate, double langchain4jSerialP90Ms, double langchain4jP90Ms, double ayo4jP90Ms,
                       double ratio, double fallbackRate) {}

    /**
     * One system's latencies under one arrival pattern.
     *
     * @param sameAnswersAsAyo4j queries whose answer text equals ayo4j's (all passes) in the same pattern
     * @param work               what it did per query
     */
    public record SystemReport(String system, String description, double meanMs, double p90Ms,
                               List<Double> latenciesMs, int sameAnswersAsAyo4j, Work work) {}
}
