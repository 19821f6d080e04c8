// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.bench.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ayo4j.encoders.ArloRouting;
import dev.ayo4j.encoders.ForwardPassLatency;
import dev.ayo4j.encoders.LengthBins;
import dev.ayo4j.encoders.policies.EncoderPolicyConfig;
import dev.ayo4j.encoders.policies.PolicyRegistry;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Determinism and sanity of the simulators on small traces (virtual time; each run takes milliseconds). */
class SchedulerSimulatorTest {
    private static final long SECOND = 1_000_000_000L;
    private static final ForwardPassLatency CPU = ForwardPassLatency.measuredCpuFp32();

    private static Map<String, SimResult> compare(List<Request> trace) {
        EncoderSimulations.Scenario s = new EncoderSimulations.Scenario("test", CPU, 1, trace);
        return EncoderSimulations.policyComparison(s, PolicyRegistry.standard(), EncoderPolicyConfig.DEFAULT).stream()
                .collect(Collectors.toMap(SimResult::name, Function.identity()));
    }

    static Stream<Arguments> arrivals() {
        return Stream.of(
                Arguments.of("poisson", Workloads.poisson(Workloads.skewed(), 60, 15, 1)),
                Arguments.of("mmpp", Workloads.mmpp(Workloads.skewed(), 30, 110, 2, 15, 2)),
                Arguments.of("saturation", Workloads.saturation(Workloads.skewed(), 600, 3)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("arrivals")
    void everyPolicyServesEveryRequestAndOneAtATimeNeverPads(String pattern, List<Request> trace) {
        Map<String, SimResult> results = compare(trace);
        assertThat(results.keySet()).containsExactlyInAnyOrderElementsOf(PolicyRegistry.standard().names());
        assertThat(results.values()).allSatisfy(r -> assertThat(r.requests()).isEqualTo(trace.size()));
        assertThat(results.get("one-at-a-time").usefulRatio()).isEqualTo(1.0);
        assertThat(results.get("one-at-a-time").batches()).isEqualTo(trace.size());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("arrivals")
    void arloKeepsPaddingLowWhereFifoFixedWastesMostTokens(String pattern, List<Request> trace) {
        Map<String, SimResult> results = compare(trace);
        assertThat(results.get("arlo").usefulRatio()).isGreaterThanOrEqualTo(0.9);
        if (pattern.equals("saturation")) {
            assertThat(results.get("fifo-fixed").usefulRatio()).isLessThan(0.5);
            assertThat(results.get("arlo").throughput()).isGreaterThan(results.get("one-at-a-time").throughput());
        }
    }

    @Test
    void theSameSeedGivesTheSameFigures() {
        List<Request> a = Workloads.mmpp(Workloads.twitterLike(), 50, 200, 1, 10, 9);
        List<Request> b = Workloads.mmpp(Workloads.twitterLike(), 50, 200, 1, 10, 9);
        assertThat(a).isEqualTo(b);
        assertThat(compare(a)).isEqualTo(compare(b));
        assertThat(Workloads.mmpp(Workloads.twitterLike(), 50, 200, 1, 10, 10)).isNotEqualTo(a);
    }

    @Test
    void theTwitterLikeMixHasThePapersShape() {
        int[] lengths = Workloads.saturation(Workloads.twitterLike(), 20_000, 5).stream().mapToInt(Request::tokens)
                .sorted().toArray();
        assertThat(lengths[lengths.length / 2]).isBetween(19, 23);
        assertThat(lengths[(int) (lengths.length * 0.98)]).isBetween(60, 85);
        assertThat(lengths[lengths.length - 1]).isGreaterThan(400);
    }

    @Test
    void theSkewedMixMatchesTheNotes() {
        List<Request> trace = Workloads.saturation(Workloads.skewed(), 10_000, 42);
        long shortOnes = trace.stream().filter(r -> r.tokens() <= 40).count();
        long longOnes = trace.stream().filter(r -> r.tokens() >= 256).count();
        assertThat(shortOnes / 10_000.0).isBetween(0.78, 0.82);
        assertThat(longOnes / 10_000.0).isBetween(0.04, 0.06);
    }

    @Test
    void periodicReallocationBeatsAnEvenSplitOnADriftingMix() {
        List<Request> trace = Workloads.mmpp(Workloads.drifting(20 * SECOND), 1400, 2600, 3, 20, 4);
        ClusterSimulator sim = new ClusterSimulator(ForwardPassLatency.arloBertBase3090(), LengthBins.uniform(64, 512), 8,
                150_000_000L, SECOND / 4, ArloRouting.DEFAULT);
        SimResult even = sim.run("even", new ClusterSimulator.Strategy.Even(), trace);
        SimResult periodic = sim.run("periodic", new ClusterSimulator.Strategy.Periodic(2 * SECOND), trace);
        assertThat(periodic.requests()).isEqualTo(trace.size());
        assertThat(periodic.meanMillis()).isLessThan(even.meanMillis());
        assertThat(sim.run("periodic", new ClusterSimulator.Strategy.Periodic(2 * SECOND), trace)).isEqualTo(periodic);
    }
}
