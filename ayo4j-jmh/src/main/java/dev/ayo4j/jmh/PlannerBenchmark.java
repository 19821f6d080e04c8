// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.jmh;

import dev.ayo4j.app.AppOptions;
import dev.ayo4j.app.Apps;
import dev.ayo4j.app.QueryShape;
import dev.ayo4j.graph.PrimitiveGraph;
import dev.ayo4j.plan.Passes;
import dev.ayo4j.plan.Planner;
import dev.ayo4j.plan.PlannerContext;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * The standard passes over advanced-rag lowered for {@code passages} passages, without per-step validation
 * (as in production). Run: {@code java -jar ayo4j-jmh/target/benchmarks.jar PlannerBenchmark}.
 */
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class PlannerBenchmark extends AverageTimeBenchmark {
    @Param({"64", "2000"})
    int passages;

    private PrimitiveGraph graph;
    private Planner planner;

    @Setup
    public void setUp() {
        graph = Apps.advancedRag(AppOptions.DEFAULT).lower(QueryShape.ofPassages(passages));
        planner = new Planner(Passes.STANDARD, new PlannerContext(PlannerContext.defaults().costModel(), false));
    }

    @Benchmark
    public PrimitiveGraph optimize() {
        return planner.optimize(graph).result();
    }
}
