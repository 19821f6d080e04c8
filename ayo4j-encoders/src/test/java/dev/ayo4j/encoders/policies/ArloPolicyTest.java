// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.encoders.policies;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ayo4j.encoders.ArloRouting;
import dev.ayo4j.encoders.LengthBins;
import dev.ayo4j.spi.BatchDecision;
import dev.ayo4j.spi.QueueView;
import dev.ayo4j.testkit.TestingQueueView;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Arlo's policy: bin choice, budget and padding inside a bin, demotion under congestion (λ, α, L). */
class ArloPolicyTest {
    private static final long NOW = 1_000_000_000L;
    /** Bins of 32/64/128/256/512 and a 256-token budget: capacities 8, 4, 2, 1, 1 rows. */
    private static final EncoderPolicyConfig CONFIG = EncoderPolicyConfig.DEFAULT.withTokenBudget(256)
            .withCostGate(false);

    private static TestingQueueView queue(int... lengths) {
        List<QueueView.Entry> entries = new ArrayList<>();
        for (int i = 0; i < lengths.length; i++) {
            entries.add(new QueueView.Entry(i, lengths[i], 1));
        }
        return new TestingQueueView(entries, 0);
    }

    private static List<Integer> selected(EncoderPolicyConfig config, TestingQueueView view) {
        BatchDecision d = PolicyRegistry.arlo(config).decide(view, NOW);
        assertThat(d).isInstanceOf(BatchDecision.DispatchSelected.class);
        return ((BatchDecision.DispatchSelected) d).indices();
    }

    private static ArloPolicy policy(EncoderPolicyConfig config) {
        return (ArloPolicy) PolicyRegistry.arlo(config);
    }

    @Test
    void batchesTheHeadsBinAndLeavesOtherBinsQueued() {
        assertThat(selected(CONFIG, queue(20, 300, 25, 100, 30))).containsExactlyInAnyOrder(0, 2, 4);
    }

    @Test
    void padsOnlyToTheLongestMemberWithinTheTokenBudget() {
        // Bin 65..128, budget 256, no demotion: 70, 72 and 75 pad to 3x75 = 225; adding 120 would pad to 4x120.
        EncoderPolicyConfig noDemotion = CONFIG.withRouting(ArloRouting.DEFAULT.withLevels(1));
        assertThat(selected(noDemotion, queue(70, 120, 75, 72))).containsExactly(0, 3, 2);
        // With demotion the bin carries 2 rows: 75 and 72 overflow to longer levels, 120 stays.
        assertThat(selected(CONFIG, queue(70, 120, 75, 72))).containsExactly(0, 1);
    }

    @Test
    void gathersNearestLengthsAroundTheHead() {
        assertThat(selected(CONFIG.withMaxBatch(3), queue(16, 2, 30, 15, 17, 31, 1)))
                .containsExactlyInAnyOrder(0, 3, 4);
    }

    @Test
    void theHeadGoesAloneOverTheBudget() {
        assertThat(selected(CONFIG, queue(600, 500, 20))).containsExactly(0);
    }

    @Test
    void demotesOverflowOfACongestedBinToTheNextLongerOne() {
        // Bin 0 carries 8 rows; at λ = 0.85 it takes 7 (7/8 = 0.875 >= 0.85 stops the 8th), which goes to bin 1.
        int[] lengths = {10, 10, 10, 10, 10, 10, 10, 10, 40};
        int[] levels = policy(CONFIG).levels(queue(lengths), lengths.length);
        assertThat(levels).containsExactly(0, 0, 0, 0, 0, 0, 0, 1, 1);
    }

    @Test
    void demotionNeedsMoreHeadroomAtEachLevel() {
        // Bin 1 (cap 4) already holds 3 rows: 0.75 < 0.85 but not < 0.85·0.9 = 0.765? 0.75 < 0.765, so it is taken;
        // with α = 0.8 the threshold is 0.68 and the demoted text moves on to bin 2.
        int[] lengths = {10, 10, 10, 10, 10, 10, 10, 40, 40, 40, 10};
        assertThat(policy(CONFIG).levels(queue(lengths), lengths.length)[10]).isEqualTo(1);
        EncoderPolicyConfig steep = CONFIG.withRouting(ArloRouting.DEFAULT.withAlpha(0.8));
        assertThat(policy(steep).levels(queue(lengths), lengths.length)[10]).isEqualTo(2);
    }

    @Test
    void fallsBackToTheTightestBinPastLLevels() {
        // One level only: a congested bin 0 keeps its overflow.
        EncoderPolicyConfig oneLevel = CONFIG.withRouting(ArloRouting.DEFAULT.withLevels(1));
        int[] lengths = {10, 10, 10, 10, 10, 10, 10, 10, 10};
        assertThat(policy(oneLevel).levels(queue(lengths), lengths.length)).containsOnly(0);
    }

    @Test
    void aDemotedTextRidesInTheLongerBinsBatch() {
        // Head is a 50-token text (bin 1); seven 10s fill bin 0 to λ, the eighth is demoted next to it.
        TestingQueueView view = queue(50, 10, 10, 10, 10, 10, 10, 10, 10);
        assertThat(selected(CONFIG, view)).containsExactlyInAnyOrder(0, 8);
    }

    @Test
    void theCostGateKeepsLongAndShortApartOnACpu() {
        // Measured CPU profile: padding a 20-token text to 60 costs more than a run of its own.
        EncoderPolicyConfig gated = CONFIG.withCostGate(true).withBins(LengthBins.of(512));
        assertThat(selected(gated, queue(60, 20, 59, 21))).containsExactlyInAnyOrder(0, 2);
    }

    @Test
    void waitsForMoreWhileBusyAndNotFull() {
        EncoderPolicyConfig waiting = CONFIG.withMaxWaitNanos(5_000_000);
        TestingQueueView busy = queue(20, 21).withInFlight(1);
        assertThat(PolicyRegistry.arlo(waiting).decide(busy, 0)).isEqualTo(BatchDecision.waitUntil(5_000_000));
        assertThat(PolicyRegistry.arlo(waiting).decide(busy, NOW)).isInstanceOf(BatchDecision.DispatchSelected.class);
    }
}
