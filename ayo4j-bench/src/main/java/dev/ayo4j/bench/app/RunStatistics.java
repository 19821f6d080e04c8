// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.bench.app;

import dev.ayo4j.bench.Stats;
import dev.ayo4j.bench.app.AppBenchReport.AnswerTail;
import dev.ayo4j.bench.app.AppBenchReport.Hoisting;
import dev.ayo4j.bench.app.AppBenchReport.Ingestion;
import dev.ayo4j.bench.app.AppBenchReport.Knee;
import dev.ayo4j.bench.app.AppBenchReport.RunReport;
import dev.ayo4j.bench.app.AppBenchReport.SystemReport;
import dev.ayo4j.bench.app.LoadGenerator.Measured;
import dev.ayo4j.runtime.QueryResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Statistics of the app benchmark: pure functions from what the systems did to the report's figures
 * (latency means and percentiles, speedups over ayo4j, the end-to-end ratios, the answer call's tail,
 * warm-up totals, the load knee and hoisting's payback).
 */
final class RunStatistics {
    private RunStatistics() {}

    /**
     * All systems under one arrival pattern, from each system's run keyed by name, in the order of
     * {@code systems}; {@code systems} holds {@link AppBenchmark#AYO4J} and {@link AppBenchmark#AYO4J_NO_PASSES}.
     */
    static RunReport run(Arrivals arrivals, List<? extends BenchSystem> systems, Map<String, Measured> runs) {
        List<QueryOutcome> ayo = runs.get(AppBenchmark.AYO4J).outcomes();
        List<SystemReport> reports = new ArrayList<>();
        for (BenchSystem s : systems) {
            reports.add(system(s, runs.get(s.name()), ayo));
        }
        double base = reports.getFirst().meanMs();
        Map<String, Double> speedups = new LinkedHashMap<>();
        for (SystemReport r : reports.subList(1, reports.size())) {
            speedups.put(r.system(), r.meanMs() / base);
        }
        double overCritical = ayo.stream().mapToDouble(o -> (double) o.serviceNanos() / o.criticalPathNanos())
                .average().orElse(Double.NaN);
        double overBound = ayo.stream().mapToDouble(o -> (double) o.serviceNanos() / o.lowerBoundNanos())
                .average().orElse(Double.NaN);
        int ok = 0;
        int fellBack = 0;
        int skipped = 0;
        for (QueryOutcome o : ayo) {
            ok += o.warmUps().ok();
            fellBack += o.warmUps().fellBack();
            skipped += o.warmUps().skipped();
        }
        return new RunReport(arrivals.label(), arrivals.rate(), reports, speedups, overCritical, overBound,
                answerTail(ayo, runs.get(AppBenchmark.AYO4J_NO_PASSES).outcomes()),
                new QueryResult.WarmUps(ok, fellBack, skipped));
    }

    /** One system's latencies and work, its answers compared with ayo4j's ({@code ayo}) query by query. */
    static SystemReport system(BenchSystem s, Measured run, List<QueryOutcome> ayo) {
        List<QueryOutcome> out = run.outcomes();
        List<Double> ms = out.stream().map(o -> o.latencyNanos() / 1e6).toList();
        int same = 0;
        for (int i = 0; i < out.size(); i++) {
            if (out.get(i).answer().equals(ayo.get(i).answer())) {
                same++;
            }
        }
        return new SystemReport(s.name(), s.describe(), Stats.mean(ms), Stats.percentile(ms, 90), ms, same,
                run.work());
    }

    static @Nullable AnswerTail answerTail(List<QueryOutcome> ayo, List<QueryOutcome> plain) {
        double fast = meanTailMs(ayo);
        double slow = meanTailMs(plain);
        return Double.isNaN(fast) || Double.isNaN(slow) ? null : new AnswerTail(fast, slow, fast / slow);
    }

    private static double meanTailMs(List<QueryOutcome> out) {
        return out.stream().mapToLong(QueryOutcome::answerTailNanos).filter(t -> t >= 0)
                .mapToDouble(t -> t / 1e6).average().orElse(Double.NaN);
    }

    /** The first Poisson run where LangChain4j's P90 reached twice its one-at-a-time P90; null if none. */
    static @Nullable Knee knee(RunReport serial, List<RunReport> poisson, String lc4j) {
        double base = serial.system(lc4j).p90Ms();
        for (RunReport r : poisson) {
            double p90 = r.system(lc4j).p90Ms();
            if (p90 >= 2 * base) {
                double ayo = r.system(AppBenchmark.AYO4J).p90Ms();
                return new Knee(r.rate(), base, p90, ayo, p90 / ayo, r.fallbackRate());
            }
        }
        return null;
    }

    /**
     * What hoisting saved ayo4j in {@code serial} (texts per query the reranker did not encode, at
     * ingestion's cost per hoisted text) and the queries after which it paid back; null if nothing was
     * hoisted at {@code ingestion}.
     */
    static @Nullable Hoisting hoisting(@Nullable Ingestion ingestion, RunReport serial) {
        if (ingestion == null || ingestion.rerankerTexts() == 0) {
            return null;
        }
        double saved = serial.system(AppBenchmark.AYO4J).work().savedTexts();
        double secondsPerText = ingestion.rerankerSeconds() / ingestion.rerankerTexts();
        double payback = saved == 0 ? Double.POSITIVE_INFINITY : ingestion.rerankerTexts() / saved;
        return new Hoisting(saved, saved * secondsPerText, payback);
    }
}
