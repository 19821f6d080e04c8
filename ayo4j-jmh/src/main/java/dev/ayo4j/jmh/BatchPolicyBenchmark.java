// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.jmh;

import dev.ayo4j.encoders.policies.EncoderPolicyConfig;
import dev.ayo4j.encoders.policies.PolicyRegistry;
import dev.ayo4j.runtime.policies.BatchPolicies;
import dev.ayo4j.spi.BatchDecision;
import dev.ayo4j.spi.BatchPolicy;
import dev.ayo4j.spi.QueueView;
import java.time.Duration;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * One batch policy decision over a queue of {@code depth} single-text entries of skewed length, with one
 * batch in flight. Run: {@code java -jar ayo4j-jmh/target/benchmarks.jar BatchPolicyBenchmark}.
 */
public class BatchPolicyBenchmark extends AverageTimeBenchmark {
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
