// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.encoders.policies;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ayo4j.encoders.UnknownPolicyException;
import dev.ayo4j.spi.BatchDecision;
import dev.ayo4j.spi.QueueView;
import dev.ayo4j.testkit.TestingQueueView;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The baselines' batch shapes, per policy and queue pattern. */
class BaselinePoliciesTest {
    private static final EncoderPolicyConfig CONFIG = EncoderPolicyConfig.DEFAULT.withMaxBatch(4).withTokenBudget(
            200);

    private static TestingQueueView queue(int... lengths) {
        List<QueueView.Entry> entries = new ArrayList<>();
        for (int i = 0; i < lengths.length; i++) {
            entries.add(new QueueView.Entry(i, lengths[i], 1));
        }
        return new TestingQueueView(entries, 0);
    }

    static Stream<Arguments> shapes() {
        int[] mixed = {10, 300, 12, 11, 50, 13, 9};
        int[] uniform = {20, 20, 20, 20, 20, 20};
        return Stream.of(
                Arguments.of("one-at-a-time", mixed, List.of(0)),
                Arguments.of("fifo-fixed", mixed, List.of(0, 1, 2, 3)),
                Arguments.of("fifo-fixed", uniform, List.of(0, 1, 2, 3)),
                // TEI: the 300-token text would pad the pair to 600 > 200, so the head goes alone.
                Arguments.of("fifo-token-budget", mixed, List.of(0)),
                Arguments.of("fifo-token-budget", uniform, List.of(0, 1, 2, 3)),
                // Infinity: the sorted window is 9,10,11,12 | 13,50,300 — the head (10) is in the first chunk.
                Arguments.of("sorted-window", mixed, List.of(6, 0, 3, 2)),
                Arguments.of("sorted-window", uniform, List.of(0, 1, 2, 3)));
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("shapes")
    void formsTheExpectedBatch(String policy, int[] lengths, List<Integer> expected) {
        BatchDecision d = PolicyRegistry.standard().create(policy, CONFIG).decide(queue(lengths), 1_000);
        List<Integer> got = switch (d) {
            case BatchDecision.Dispatch(int count) -> java.util.stream.IntStream.range(0, count).boxed().toList();
            case BatchDecision.DispatchSelected(List<Integer> indices) -> indices;
            case BatchDecision.WaitUntil w -> throw new AssertionError("waited: " + w);
        };
        assertThat(got).isEqualTo(expected);
    }

    @Test
    void namesTheKnownPoliciesWhenAskedForAnUnknownOne() {
        assertThat(PolicyRegistry.standard().names()).containsExactly("one-at-a-time", "fifo-fixed",
                "fifo-token-budget", "sorted-window", "arlo", "arlo-budget");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> PolicyRegistry.standard().create("lifo",
                        EncoderPolicyConfig.DEFAULT)).isInstanceOf(UnknownPolicyException.class)
                .hasMessageContaining("lifo").hasMessageContaining("arlo");
    }
}
