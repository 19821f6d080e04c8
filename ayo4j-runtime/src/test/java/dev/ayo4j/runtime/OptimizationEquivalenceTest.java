// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ayo4j.app.EngineBinding;
import dev.ayo4j.app.Role;
import dev.ayo4j.graph.GraphValidator;
import dev.ayo4j.graph.Litmus;
import dev.ayo4j.graph.PrimitiveGraph;
import dev.ayo4j.plan.Passes;
import dev.ayo4j.plan.Planner;
import dev.ayo4j.plan.PlannerContext;
import dev.ayo4j.testkit.RandomGraphs;
import dev.ayo4j.testkit.TestingEngine;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Property: on random apps, the optimized graph returns exactly the results of the unoptimized one on
 * a deterministic engine. The optimizations change when work runs, never what it computes.
 *
 * <p>Each case is named by its seed; to replay a failure, run with {@code -Dtests.seed=<base seed>}
 * (printed in the test name). {@code -Dtests.nightly=true} runs ten times as many cases.
 */
class OptimizationEquivalenceTest {
    private static final long BASE_SEED = Long.getLong("tests.seed", 20261124L);
    private static final int CASES = Boolean.getBoolean("tests.nightly") ? 300 : 30;

    static Stream<Long> seeds() {
        return RandomGraphs.seeds(BASE_SEED, CASES).stream();
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void optimizedGraphReturnsTheSameResults(long seed) {
        RandomGraphs.Case c = RandomGraphs.generate(seed);
        Planner.Plan plan = new Planner(Passes.STANDARD, PlannerContext.defaults()).optimize(c.graph());
        assertThat(GraphValidator.validate(plan.result(), Litmus.QUIET)).as("valid after planning, %s", c).isTrue();

        Map<String, Object> plain = run(c.graph(), c.inputs());
        Map<String, Object> optimized = run(plan.result(), c.inputs());

        assertThat(optimized).as("outputs of the optimized graph, %s", c).isEqualTo(plain);
        assertThat(plain).as("every declared output is produced, %s", c).containsKeys(c.app().outputs().toArray(String[]::new));
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void planningIsIdempotent(long seed) {
        RandomGraphs.Case c = RandomGraphs.generate(seed);
        Planner planner = new Planner(Passes.STANDARD, PlannerContext.defaults());
        PrimitiveGraph once = planner.optimize(c.graph()).result();
        assertThat(planner.optimize(once).result().explain()).isEqualTo(once.explain());
    }

    /** Runs one query on fresh testing engines, so no state is shared between the two runs. */
    private static Map<String, Object> run(PrimitiveGraph graph, Map<String, Object> inputs) {
        EngineBinding n = EngineBinding.DEFAULT;
        Ayo4jRuntime.Builder b = Ayo4jRuntime.builder();
        for (String name : List.of(n.engine(Role.LLM), n.engine(Role.EMBEDDER), n.engine(Role.RERANKER), n.engine(Role.VECTORS))) {
            b.ownedEngine(TestingEngine.builder(name).maxConcurrency(2).build());
        }
        try (Ayo4jRuntime runtime = b.build()) {
            return runtime.run(graph, inputs, Duration.ofMinutes(1)).outputs();
        }
    }
}
