package dev.ayo4j.bench.app;

import java.util.List;
import java.util.Map;

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
     * One workload: its runs per arrival pattern, the pass ablation (one at a time) and one query's
     * timeline per system, for a Gantt chart.
     */
    public record WorkloadReport(String workload, int passagesPerQuery, int queries, int answerTokens,
                                 List<RunReport> runs, List<SystemReport> ablation, Map<String, List<Span>> gantt) {}

    /**
     * All systems under one arrival pattern.
     *
     * @param speedups                 mean latency of each other system over ayo4j's
     * @param ayo4jEndToEndOverCritical ayo4j's mean ratio of end-to-end time to its critical path
     */
    public record RunReport(String arrivals, double rate, List<SystemReport> systems, Map<String, Double> speedups,
                            double ayo4jEndToEndOverCritical) {
        /** The system called {@code name}. */
        public SystemReport system(String name) {
            return systems.stream().filter(s -> s.system().equals(name)).findFirst().orElseThrow();
        }
    }

    /**
     * One system's latencies under one arrival pattern.
     *
     * @param sameAnswersAsAyo4j queries whose answer text equals ayo4j's (all passes) in the same pattern
     */
    public record SystemReport(String system, String description, double meanMs, double p90Ms,
                               List<Double> latenciesMs, int sameAnswersAsAyo4j) {}
}
