// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.bench.sim;

import dev.ayo4j.encoders.ArloRouting;
import dev.ayo4j.encoders.ForwardPassLatency;
import dev.ayo4j.encoders.LengthBins;
import dev.ayo4j.encoders.policies.EncoderPolicyConfig;
import dev.ayo4j.encoders.policies.PolicyRegistry;
import java.util.ArrayList;
import java.util.List;

/**
 * The encoder-batching comparison in simulation, for the CLI to call: {@link #policyComparison} runs every
 * registered policy over the scenarios below, {@link #allocationAblation} reproduces Arlo's allocation
 * ablation at cluster scale, and {@link #report} prints both as text tables. Virtual time only: a full
 * report takes seconds of CPU, no model runs.
 *
 * <p>Run by hand: {@code java -cp <ayo4j-bench classpath> dev.ayo4j.bench.sim.EncoderSimulations [seed]}.
 */
public final class EncoderSimulations {
    private static final long SECOND = 1_000_000_000L;

    private EncoderSimulations() {}

    /**
     * One pool scenario.
     *
     * @param name     label
     * @param cost     the pool's cost profile
     * @param workers  workers sharing the queue
     * @param trace    requests
     */
    public record Scenario(String name, ForwardPassLatency cost, int workers, List<Request> trace) {}

    /**
     * The standard scenarios: on the measured CPU profile (one 2-thread session), the skewed mix at 70 req/s
     * Poisson and bursty MMPP (40/120 req/s), the Twitter-like mix at 150 req/s, and a saturation run of
     * 3,000 skewed requests at once; on Arlo's GPU profile, the Twitter-like mix on 4 workers at 2,500 req/s.
     */
    public static List<Scenario> scenarios(long seed) {
        ForwardPassLatency cpu = ForwardPassLatency.measuredCpuFp32();
        return List.of(
                new Scenario("cpu skewed poisson 70/s", cpu, 1, Workloads.poisson(Workloads.skewed(), 70, 60, seed)),
                new Scenario("cpu skewed mmpp 40-120/s", cpu, 1,
                        Workloads.mmpp(Workloads.skewed(), 40, 120, 2, 60, seed)),
                new Scenario("cpu twitter poisson 150/s", cpu, 1,
                        Workloads.poisson(Workloads.twitterLike(), 150, 60, seed)),
                new Scenario("cpu skewed saturation", cpu, 1, Workloads.saturation(Workloads.skewed(), 3000, seed)),
                new Scenario("gpu twitter poisson 2500/s x4", ForwardPassLatency.arloBertBase3090(), 4,
                        Workloads.poisson(Workloads.twitterLike(), 2500, 20, seed)));
    }

    /** Every policy of {@code registry} on {@code scenario}, configured by {@code config} with the scenario's cost. */
    public static List<SimResult> policyComparison(Scenario scenario, PolicyRegistry registry,
                                                   EncoderPolicyConfig config) {
        SchedulerSimulator sim = new SchedulerSimulator(scenario.cost(), scenario.workers(), config.maxBatch());
        List<SimResult> results = new ArrayList<>();
        for (String name : registry.names()) {
            EncoderPolicyConfig c = config.withCost(scenario.cost());
            if (scenario.cost().equals(ForwardPassLatency.arloBertBase3090())) {
                c = c.withBins(LengthBins.uniform(64, 512));
            }
            results.add(sim.run(name, registry.create(name, c), scenario.trace()));
        }
        return results;
    }

    /**
     * Arlo's allocation ablation (Arlo §6, 40 GPUs): BERT-base GPU profile, 64-token bins to 512, SLO 150 ms,
     * 40 instances at batch 1, a drifting length mix (the long share swings 0–50 % over a 60-s cycle) with
     * bursty arrivals (MMPP 7,000/13,000 req/s, 5-s dwell) for 120 s; even split vs the global histogram vs
     * re-allocation every 5 s (1-s runtime switch).
     */
    public static List<SimResult> allocationAblation(long seed) {
        List<Request> trace = Workloads.mmpp(Workloads.drifting(60 * SECOND), 7000, 13000, 5, 120, seed);
        ClusterSimulator sim = new ClusterSimulator(ForwardPassLatency.arloBertBase3090(), LengthBins.uniform(64, 512), 40,
                150_000_000L, SECOND, ArloRouting.DEFAULT);
        return List.of(
                sim.run("even split", new ClusterSimulator.Strategy.Even(), trace),
                sim.run("global histogram", new ClusterSimulator.Strategy.GlobalHistogram(), trace),
                sim.run("periodic 5 s", new ClusterSimulator.Strategy.Periodic(5 * SECOND), trace));
    }

    /** Both studies as text tables. */
    public static String report(long seed) {
        StringBuilder out = new StringBuilder();
        for (Scenario s : scenarios(seed)) {
            out.append("## ").append(s.name()).append(" (").append(s.trace().size()).append(" requests, ")
                    .append(s.workers()).append(" worker(s))\n").append(SimResult.header()).append('\n');
            for (SimResult r : policyComparison(s, PolicyRegistry.standard(), EncoderPolicyConfig.DEFAULT)) {
                out.append(r.row()).append('\n');
            }
            out.append('\n');
        }
        out.append("## allocation ablation: 40 instances, BERT-base GPU profile, drifting bursty mix\n")
                .append(SimResult.header()).append('\n');
        for (SimResult r : allocationAblation(seed)) {
            out.append(r.row()).append('\n');
        }
        return out.toString();
    }

    /** Prints {@link #report} for the seed given as the only argument (default 42). */
    public static void main(String[] args) {
        System.out.print(report(args.length > 0 ? Long.parseLong(args[0]) : 42));
    }
}
