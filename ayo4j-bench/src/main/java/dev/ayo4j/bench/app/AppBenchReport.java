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
     */
    public record WorkloadReport(String workload, int corpusPassages, int passagesPerQuery, int queries,
                                 int answerTokens, String contextOrder, List<RunReport> runs,
                                 List<SystemReport> ablation, Map<String, List<Span>> gantt, @Nullable Knee knee) {}

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
     */
    public record SystemReport(String system, String description, double meanMs, double p90Ms,
                               List<Double> latenciesMs, int sameAnswersAsAyo4j) {}
}
