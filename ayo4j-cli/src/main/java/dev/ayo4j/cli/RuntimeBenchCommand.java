// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.cli;

import dev.ayo4j.bench.RuntimeBenchmark;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ayo4j bench runtime}: planner time and scheduler overhead per primitive, warm. */
@Command(name = "runtime", mixinStandardHelpOptions = true,
        description = "Planner time for advanced-rag and scheduler overhead per primitive on no-op engines.")
final class RuntimeBenchCommand implements Callable<Integer> {
    /** Target from the project's requirements: median planner time for 2,000 passages. */
    static final double PLANNER_TARGET_MS = 5;
    /** Target: median scheduler overhead per primitive with 1,000 concurrent queries. */
    static final double SCHEDULER_TARGET_MICROS = 20;

    @Option(names = "--passages", defaultValue = "2000", description = "Passages of the planned query.")
    int passages;

    @Option(names = "--iterations", defaultValue = "200", description = "Timed planner runs.")
    int iterations;

    @Option(names = "--queries", defaultValue = "1000", description = "Concurrent queries per round.")
    int queries;

    @Option(names = "--rounds", defaultValue = "7", description = "Timed scheduler rounds.")
    int rounds;

    @Mixin
    JsonOption json;

    @Override
    public Integer call() throws Exception {
        RuntimeBenchmark bench = new RuntimeBenchmark();
        System.out.printf("planner: advanced-rag, %d passages, %d warm runs...%n", passages, iterations);
        var planner = bench.planner(passages, Math.max(100, iterations / 2), iterations);
        System.out.printf("  graph %d -> %d nodes; median %.3f ms, p90 %.3f ms, min %.3f ms (target: median <= %.0f ms) %s%n",
                planner.nodesBefore(), planner.nodesAfter(), planner.medianMs(), planner.p90Ms(), planner.minMs(),
                PLANNER_TARGET_MS, planner.medianMs() <= PLANNER_TARGET_MS ? "OK" : "MISSED");
        System.out.printf("scheduler: %d concurrent queries per round on no-op engines, %d rounds...%n", queries, rounds);
        var scheduler = bench.scheduler(queries, 2, rounds);
        System.out.printf("  %d primitives per query; median %.2f us per primitive, min %.2f us"
                        + " (target: median <= %.0f us) %s; median queueing delay %.0f us%n",
                scheduler.primitivesPerQuery(), scheduler.medianMicrosPerPrimitive(), scheduler.minMicrosPerPrimitive(),
                SCHEDULER_TARGET_MICROS, scheduler.medianMicrosPerPrimitive() <= SCHEDULER_TARGET_MICROS ? "OK" : "MISSED",
                scheduler.medianQueueDelayMicros());
        json.write(new RuntimeBenchmark.Report(planner, scheduler));
        return 0;
    }
}
