// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ayo4j.spi.BatchDecision;
import dev.ayo4j.spi.BatchPolicy;
import dev.ayo4j.spi.QueueView;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Conformance kit every {@link BatchPolicy} must pass: idle on an empty queue, never more than queued,
 * never more than its batch limit, a future deadline when it waits, eventual dispatch of an old queue
 * on an idle engine, and purity (same view and time, same decision). A
 * {@link BatchDecision.DispatchSelected} must name only queued positions.
 */
public abstract class AbstractBatchPolicyContractTest {
    private static final long SECOND = 1_000_000_000L;

    /** The policy under test. */
    protected abstract BatchPolicy createPolicy();

    /** The most tasks the policy may dispatch at once. */
    protected abstract int maxBatch();

    @Test
    void idlesOnAnEmptyQueue() {
        assertThat(createPolicy().decide(TestingQueueView.empty(), 5 * SECOND)).isEqualTo(BatchDecision.idle());
    }

    @Test
    void neverDispatchesMoreThanQueuedOrTheBatchLimit() {
        BatchPolicy policy = createPolicy();
        forRandomViews(42, 500, 2 * SECOND, (round, view, now) -> {
            switch (policy.decide(view, now)) {
                case BatchDecision.Dispatch(int count) -> assertThat(count).as("round %s, %s queued", round, view.size())
                        .isLessThanOrEqualTo(view.size()).isLessThanOrEqualTo(maxBatch());
                case BatchDecision.DispatchSelected(List<Integer> indices) -> {
                    assertThat(indices).as("round %s, %s queued", round, view.size()).hasSizeLessThanOrEqualTo(maxBatch())
                            .allSatisfy(i -> assertThat(i).isBetween(0, view.size() - 1));
                }
                case BatchDecision.WaitUntil _ -> { }
            }
        });
    }

    @Test
    void waitsOnlyUntilAFutureDeadline() {
        BatchPolicy policy = createPolicy();
        forRandomViews(7, 500, 2 * SECOND, (round, view, now) -> {
            if (view.size() > 0 && policy.decide(view, now) instanceof BatchDecision.WaitUntil(long deadline)) {
                assertThat(deadline).as("round %s", round).isGreaterThan(now);
            }
        });
    }

    @Test
    void dispatchesAnOldQueueOnAnIdleEngine() {
        BatchPolicy policy = createPolicy();
        for (int size = 1; size <= maxBatch() + 3; size++) {
            assertThat(policy.decide(TestingQueueView.uniform(size, 0, 8), 3_600 * SECOND))
                    .as("%s queued an hour ago", size).isNotInstanceOf(BatchDecision.WaitUntil.class);
        }
    }

    @Test
    void dispatchesAFullBatchWhenMoreIsQueued() {
        TestingQueueView view = TestingQueueView.uniform(maxBatch() * 2, 0, 1);
        int count = switch (createPolicy().decide(view, 3_600 * SECOND)) {
            case BatchDecision.Dispatch d -> d.count();
            case BatchDecision.DispatchSelected d -> d.count();
            case BatchDecision.WaitUntil w -> throw new AssertionError("waited with a full batch queued: " + w);
        };
        assertThat(count).isPositive().isLessThanOrEqualTo(maxBatch());
    }

    @Test
    void decidesTheSameForTheSameViewAndTime() {
        BatchPolicy policy = createPolicy();
        forRandomViews(3, 100, SECOND, (round, view, now) ->
                assertThat(policy.decide(view, now)).as("round %s", round).isEqualTo(policy.decide(view, now)));
    }

    /** A check of one round: a random view and a random time to decide at. */
    @FunctionalInterface
    private interface Round {
        void check(int round, QueueView view, long now);
    }

    /**
     * Runs {@code check} for {@code rounds} random views drawn from {@code seed}, each at a random time
     * from 10 s to 10 s plus {@code spread} nanoseconds.
     */
    private void forRandomViews(long seed, int rounds, long spread, Round check) {
        SplittableRandom random = new SplittableRandom(seed);
        for (int round = 0; round < rounds; round++) {
            QueueView view = randomView(random);
            check.check(round, view, 10 * SECOND + random.nextLong(spread));
        }
    }

    private TestingQueueView randomView(SplittableRandom random) {
        int size = random.nextInt(maxBatch() * 3 + 2);
        List<QueueView.Entry> entries = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            entries.add(new QueueView.Entry(10 * SECOND - random.nextLong(SECOND), 1 + random.nextInt(600),
                    1 + random.nextInt(4)));
        }
        return new TestingQueueView(entries, 0);
    }
}
