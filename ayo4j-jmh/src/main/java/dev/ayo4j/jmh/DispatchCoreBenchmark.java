// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.jmh;

import dev.ayo4j.runtime.dispatch.Action;
import dev.ayo4j.runtime.dispatch.DispatchCore;
import dev.ayo4j.runtime.dispatch.Work;
import dev.ayo4j.runtime.policies.BatchPolicies;
import java.time.Duration;
import java.util.ArrayDeque;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * The dispatch core's cost per batch: with every member busy and {@code depth} tasks of skewed priority and
 * length queued, complete the oldest batch, tick (which dispatches the next batch to the freed member) and
 * submit as many tasks as it took, so the depth stays put. Run:
 * {@code java -jar ayo4j-jmh/target/benchmarks.jar DispatchCoreBenchmark}.
 */
public class DispatchCoreBenchmark extends AverageTimeBenchmark {
    @Param({"16", "1024"})
    int depth;

    @Param({"4", "64"})
    int members;

    private final long[] now = {0};
    private final ArrayDeque<Long> inFlight = new ArrayDeque<>();
    private DispatchCore<Integer> core;
    private int[] tokens;
    private int next;

    @Setup
    public void setUp() {
        core = new DispatchCore<>(DispatchCore.Config.shared("jmh", members, 8,
                BatchPolicies.workConserving(8, 1024, Duration.ofMillis(2))), () -> now[0]);
        tokens = Skewed.tokens(1 << 16, 42);
        while (inFlight.size() < members) {
            refill();
            tick();
        }
        refill();
    }

    private void refill() {
        while (core.queued() < depth) {
            int t = tokens[next & (tokens.length - 1)];
            core.submit(new Work<>(next, next, t % 7, next, t, 1, false));
            next++;
        }
    }

    private int tick() {
        int dispatched = 0;
        for (Action<Integer> a : core.tick()) {
            if (a instanceof Action.Run<Integer> run) {
                inFlight.add(run.batchId());
                dispatched += run.items().size();
            }
        }
        return dispatched;
    }

    @Benchmark
    public int completeTickSubmit() {
        now[0] += 1_000;
        core.complete(inFlight.poll(), 0);
        int dispatched = tick();
        refill();
        return dispatched;
    }
}
