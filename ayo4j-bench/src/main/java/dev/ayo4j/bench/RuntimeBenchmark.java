// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.bench;

import dev.ayo4j.app.AppOptions;
import dev.ayo4j.app.Apps;
import dev.ayo4j.app.EngineBinding;
import dev.ayo4j.app.Role;
import dev.ayo4j.app.QueryShape;
import dev.ayo4j.graph.PrimitiveGraph;
import dev.ayo4j.plan.Passes;
import dev.ayo4j.plan.Planner;
import dev.ayo4j.plan.PlannerContext;
import dev.ayo4j.runtime.Ayo4jRuntime;
import dev.ayo4j.runtime.QueryResult;
import dev.ayo4j.runtime.RunListener;
import dev.ayo4j.spi.Passage;
import dev.ayo4j.spi.Ticker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

/**
 * Measures ayo4j's own overhead, warm: the planner's time to optimize one advanced-rag query, and the
 * runtime's scheduling cost per primitive when many queries run at once on engines that do no work.
 *
 * <p>Run it with {@code bin/ayo4j bench runtime [--json FILE]}.
 */
public final class RuntimeBenchmark {
    private final Ticker ticker = Ticker.systemTicker();

    /** Planner figures in milliseconds over {@code iterations} warm runs. */
    public record PlannerFigures(String app, int passages, int nodesBefore, int nodesAfter, int iterations,
                                 double medianMs, double p90Ms, double minMs) {}

    /**
     * Scheduler figures: the wall time of a round of {@code queries} concurrent queries divided by the
     * primitives they ran, in microseconds, over {@code rounds} warm rounds; the same for the CPU time
     * this process used in the round (every thread: runtime, listeners, their background workers, the
     * JIT and the collector), which other processes' load on a shared machine barely moves; plus the
     * median queueing delay of a primitive (ready to started) seen in the traces.
     */
    public record SchedulerFigures(String app, int queries, int primitivesPerQuery, int rounds,
                                   double medianMicrosPerPrimitive, double minMicrosPerPrimitive,
                                   double medianCpuMicrosPerPrimitive, double medianQueueDelayMicros) {}

    /** Both sets of figures. */
    public record Report(PlannerFigures planner, SchedulerFigures scheduler) {}

    /** Times planning of advanced-rag with {@code passages} passages. */
    public PlannerFigures planner(int passages, int warmup, int iterations) {
        PrimitiveGraph graph = Apps.advancedRag(AppOptions.DEFAULT).lower(QueryShape.ofPassages(passages));
        // Production planning skips per-step validation; the planner still validates input and result.
        Planner planner = new Planner(Passes.STANDARD, new PlannerContext(PlannerContext.defaults().costModel(), false));
        int nodesAfter = 0;
        for (int i = 0; i < warmup; i++) {
            nodesAfter = planner.optimize(graph).result().size();
        }
        double[] ms = new double[iterations];
        for (int i = 0; i < iterations; i++) {
            long start = ticker.read();
            planner.optimize(graph);
            ms[i] = (ticker.read() - start) / 1e6;
        }
        Arrays.sort(ms);
        return new PlannerFigures("advanced-rag", passages, graph.size(), nodesAfter, iterations,
                Stats.percentile(ms, 50), Stats.percentile(ms, 90), ms[0]);
    }

    /** Runs rounds of {@code queries} concurrent optimized advanced-rag queries on no-op engines. */
    public SchedulerFigures scheduler(int queries, int warmupRounds, int rounds) {
        return scheduler(queries, warmupRounds, rounds, RunListener.NONE);
    }

    /** As {@link #scheduler(int, int, int)}, with {@code listener} hearing every run (instrumentation's cost). */
    public SchedulerFigures scheduler(int queries, int warmupRounds, int rounds, RunListener listener) {
        return scheduler(queries, warmupRounds, rounds, listener, () -> { });
    }

    /**
     * As {@link #scheduler(int, int, int, RunListener)}; {@code drain} runs at the end of every round, inside
     * its time, to wait for what the listener left to background work (e.g. spans still queued for export),
     * so that the round's figures hold all of its cost.
     */
    public SchedulerFigures scheduler(int queries, int warmupRounds, int rounds, RunListener listener,
                                      Runnable drain) {
        int passages = 64;
        PrimitiveGraph graph = new Planner(Passes.STANDARD, PlannerContext.defaults())
                .optimize(Apps.advancedRag(AppOptions.DEFAULT).lower(QueryShape.ofPassages(passages))).result();
        List<Passage> corpus = IntStream.range(0, passages)
                .mapToObj(i -> Passage.of("doc" + i, "passage number " + i)).toList();
        Map<String, Object> inputs = Map.of(Apps.QUESTION.name(), "what is measured?", Apps.PASSAGES.name(), corpus);
        EngineBinding names = EngineBinding.DEFAULT;
        Ayo4jRuntime.Builder builder = Ayo4jRuntime.builder().listener(listener);
        for (String name : List.of(names.engine(Role.LLM), names.engine(Role.EMBEDDER), names.engine(Role.RERANKER), names.engine(Role.VECTORS))) {
            builder.ownedEngine(new NoOpEngine(name));
        }
        try (Ayo4jRuntime runtime = builder.build()) {
            for (int r = 0; r < warmupRounds; r++) {
                round(runtime, graph, inputs, queries);
            }
            double[] perPrimitive = new double[rounds];
            double[] cpuPerPrimitive = new double[rounds];
            List<Long> delays = new ArrayList<>();
            for (int r = 0; r < rounds; r++) {
                long cpu = processCpuNanos();
                long start = ticker.read();
                List<QueryResult> results = round(runtime, graph, inputs, queries);
                drain.run();
                long elapsed = ticker.read() - start;
                cpu = processCpuNanos() - cpu;
                int primitives = results.stream().mapToInt(q -> q.trace().size()).sum();
                perPrimitive[r] = elapsed / 1e3 / primitives;
                cpuPerPrimitive[r] = cpu / 1e3 / primitives;
                results.forEach(q -> q.trace().forEach(e -> delays.add(e.waitNanos())));
            }
            Arrays.sort(perPrimitive);
            Arrays.sort(cpuPerPrimitive);
            double[] d = delays.stream().mapToDouble(n -> n / 1e3).sorted().toArray();
            return new SchedulerFigures("advanced-rag (" + passages + " passages, optimized)", queries, graph.size(),
                    rounds, Stats.percentile(perPrimitive, 50), perPrimitive[0], Stats.percentile(cpuPerPrimitive, 50),
                    Stats.percentile(d, 50));
        }
    }

    /** CPU time of this process so far (all threads), or -1 where the platform does not tell. */
    private static long processCpuNanos() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os ? os.getProcessCpuTime() : -1;
    }

    private static List<QueryResult> round(Ayo4jRuntime runtime, PrimitiveGraph graph, Map<String, Object> inputs,
                                           int queries) {
        List<CompletableFuture<QueryResult>> futures = new ArrayList<>(queries);
        for (int q = 0; q < queries; q++) {
            futures.add(runtime.submit(graph, inputs, Duration.ofMinutes(5)));
        }
        return futures.stream().map(CompletableFuture::join).toList();
    }
}
