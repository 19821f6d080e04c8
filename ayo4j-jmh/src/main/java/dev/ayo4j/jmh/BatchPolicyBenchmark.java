// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.jmh;

import dev.ayo4j.encoders.policies.EncoderPolicyConfig;
import dev.ayo4j.encoders.policies.PolicyRegistry;
import dev.ayo4j.runtime.policies.BatchPolicies;
import dev.ayo4j.spi.BatchDecision;
import dev.ayo4j.spi.BatchPolicy;
import dev.ayo4j.spi.QueueView;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One batch policy decision over a queue of {@code depth} single-text entries of skewed length, with one
 * batch in flight. Run: {@code java -jar ayo4j-jmh/target/benchmarks.jar BatchPolicyBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class BatchPolicyBenchmark {
    @Param({"work-conserving", "fifo-token-budget", "sorted-window", "arlo"})
    String policy;

    @Param({"32", "1024"})
    int depth;

    private BatchPolicy batchPolicy;
    private QueueView queue;

    @Setup
    public void setUp() {
        batchPolicy = policy.equals("work-conserving")
                ? BatchPolicies.workConserving(32, 1024, Duration.ofMillis(2))
                : PolicyRegistry.standard().create(policy, EncoderPolicyConfig.DEFAULT);
        int[] tokens = Skewed.tokens(depth, 7);
        QueueView.Entry[] entries = new QueueView.Entry[depth];
        for (int i = 0; i < depth; i++) {
            entries[i] = new QueueView.Entry(i * 1_000L, tokens[i], 1);
        }
        queue = new QueueView() {
            @Override
            public int size() {
                return entries.length;
            }

            @Override
            public Entry entry(int i) {
                return entries[i];
            }

            @Override
            public int inFlight() {
                return 1;
            }
        };
    }

    @Benchmark
    public BatchDecision decide() {
        return batchPolicy.decide(queue, depth * 1_000L);
    }
}
