// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.runtime.policies;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ayo4j.spi.BatchDecision;
import dev.ayo4j.spi.BatchPolicy;
import dev.ayo4j.spi.QueueView;
import dev.ayo4j.testkit.AbstractBatchPolicyContractTest;
import dev.ayo4j.testkit.ManualTicker;
import dev.ayo4j.testkit.TestingQueueView;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class BatchPoliciesTest {
    private static final Duration WAIT = Duration.ofMillis(2);
    private static final long WAIT_NANOS = WAIT.toNanos();

    @Nested
    class MaxBatchContract extends AbstractBatchPolicyContractTest {
        @Override protected BatchPolicy createPolicy() { return BatchPolicies.maxBatch(4); }
        @Override protected int maxBatch() { return 4; }
    }

    @Nested
    class DeadlineContract extends AbstractBatchPolicyContractTest {
        @Override protected BatchPolicy createPolicy() { return BatchPolicies.deadline(5, WAIT); }
        @Override protected int maxBatch() { return 5; }
    }

    @Nested
    class TokenBudgetContract extends AbstractBatchPolicyContractTest {
        @Override protected BatchPolicy createPolicy() { return BatchPolicies.summedTokenBudget(1000, 6, WAIT); }
        @Override protected int maxBatch() { return 6; }
    }

    @Nested
    class PaddedTokenBudgetContract extends AbstractBatchPolicyContractTest {
        @Override protected BatchPolicy createPolicy() { return BatchPolicies.paddedTokenBudget(1000, 6, WAIT); }
        @Override protected int maxBatch() { return 6; }
    }

    @Nested
    class SortedWindowContract extends AbstractBatchPolicyContractTest {
        @Override protected BatchPolicy createPolicy() { return BatchPolicies.sortedWindow(4, 16, WAIT); }
        @Override protected int maxBatch() { return 4; }
    }

    @Test
    void theTwoTokenBudgetsCountDifferentlyAndWaitDifferently() {
        // 10 + 60 = 70 summed tokens fit 100; padded, 2 rows x 60 = 120 do not.
        TestingQueueView queue = new TestingQueueView(
                List.of(new QueueView.Entry(0, 10, 1), new QueueView.Entry(0, 60, 1)), 0);
        assertThat(BatchPolicies.paddedTokenBudget(100, 10, WAIT).decide(queue, 0))
                .isEqualTo(BatchDecision.dispatch(1));
        // The summed budget is not closed, so it waits for the deadline even on an idle engine.
        assertThat(BatchPolicies.summedTokenBudget(100, 10, WAIT).decide(queue, 0))
                .isEqualTo(BatchDecision.waitUntil(WAIT_NANOS));
    }

    @Nested
    class WarmUpsWhenIdleContract extends AbstractBatchPolicyContractTest {
        @Override protected BatchPolicy createPolicy() {
            return BatchPolicies.warmUpsWhenIdle(BatchPolicies.workConserving(4, WAIT));
        }
        @Override protected int maxBatch() { return 4; }
    }

    @Test
    void warmUpsWaitWhileAGenerationDecodesAndRunOnceTheEngineIsIdle() {
        BatchPolicy policy = BatchPolicies.warmUpsWhenIdle(BatchPolicies.workConserving(1, WAIT));
        var warmUp = new QueueView.Entry(0, 40, 1, true);
        var answer = new QueueView.Entry(0, 400, 1, false);
        TestingQueueView onlyWarmUp = new TestingQueueView(List.of(warmUp), 0);

        assertThat(policy.decide(onlyWarmUp.withStreaming(1), 0)).isEqualTo(BatchDecision.idle());
        assertThat(policy.decide(onlyWarmUp.withInFlight(1), 0)).isEqualTo(BatchDecision.idle());
        assertThat(policy.decide(onlyWarmUp, 0)).isEqualTo(BatchDecision.dispatch(1));
        // Behind a warm-up in the queue, other work still goes while the engine is busy.
        TestingQueueView both = new TestingQueueView(List.of(warmUp, answer), 0).withStreaming(1);
        assertThat(policy.decide(both, 0)).isEqualTo(BatchDecision.dispatchSelected(1));
    }

    @Test
    void withoutWarmUpsTheInnerPolicyDecidesAlone() {
        BatchPolicy inner = BatchPolicies.workConserving(4, WAIT);
        BatchPolicy policy = BatchPolicies.warmUpsWhenIdle(inner);
        TestingQueueView queue = TestingQueueView.uniform(3, 0, 10).withInFlight(1).withStreaming(2);
        assertThat(policy.decide(queue, 1)).isEqualTo(inner.decide(queue, 1));
    }

    @Nested
    class OneAtATimeContract extends AbstractBatchPolicyContractTest {
        @Override protected BatchPolicy createPolicy() { return BatchPolicies.oneAtATime(); }
        @Override protected int maxBatch() { return 1; }
    }

    @Nested
    class WorkConservingContract extends AbstractBatchPolicyContractTest {
        @Override protected BatchPolicy createPolicy() { return BatchPolicies.workConserving(3, WAIT); }
        @Override protected int maxBatch() { return 3; }
    }

    @Test
    void deadlineWaitsForTheOldestTaskThenDispatchesAPartialBatch() {
        ManualTicker ticker = new ManualTicker();
        BatchPolicy policy = BatchPolicies.deadline(4, WAIT);
        TestingQueueView view = TestingQueueView.uniform(2, ticker.read(), 10);
        assertThat(policy.decide(view, ticker.read())).isEqualTo(BatchDecision.waitUntil(WAIT_NANOS));
        ticker.advance(WAIT);
        assertThat(policy.decide(view, ticker.read())).isEqualTo(BatchDecision.dispatch(2));
    }

    @Test
    void deadlineDispatchesAFullBatchAtOnce() {
        BatchPolicy policy = BatchPolicies.deadline(4, WAIT);
        assertThat(policy.decide(TestingQueueView.uniform(9, 0, 10), 0)).isEqualTo(BatchDecision.dispatch(4));
    }

    @Test
    void tokenBudgetClosesTheBatchBeforeTheBudgetOverflows() {
        BatchPolicy policy = BatchPolicies.summedTokenBudget(100, 10, WAIT);
        QueueView view = new TestingQueueView(List.of(new QueueView.Entry(0, 40, 1), new QueueView.Entry(0, 50, 1),
                new QueueView.Entry(0, 30, 1)), 0);
        assertThat(policy.decide(view, 0)).isEqualTo(BatchDecision.dispatch(2));
    }

    @Test
    void tokenBudgetSendsAnOversizedTaskAlone() {
        BatchPolicy policy = BatchPolicies.summedTokenBudget(100, 10, WAIT);
        QueueView view = new TestingQueueView(List.of(new QueueView.Entry(0, 400, 1), new QueueView.Entry(0, 5, 1)), 0);
        assertThat(policy.decide(view, 0)).isEqualTo(BatchDecision.dispatch(1));
    }

    @Test
    void tokenBudgetWaitsWhileTheBatchHasRoom() {
        BatchPolicy policy = BatchPolicies.summedTokenBudget(100, 10, WAIT);
        assertThat(policy.decide(TestingQueueView.uniform(2, 0, 10), 1)).isEqualTo(BatchDecision.waitUntil(WAIT_NANOS));
    }

    @Test
    void oneAtATimeIdlesWhileABatchIsInFlight() {
        assertThat(BatchPolicies.oneAtATime().decide(TestingQueueView.uniform(3, 0, 1).withInFlight(1), 99))
                .isEqualTo(BatchDecision.idle());
    }

    @Test
    void workConservingDispatchesAtOnceToAnIdleEngineAndWaitsForABusyOne() {
        BatchPolicy policy = BatchPolicies.workConserving(8, WAIT);
        TestingQueueView view = TestingQueueView.uniform(3, 0, 1);
        assertThat(policy.decide(view, 0)).isEqualTo(BatchDecision.dispatch(3));
        assertThat(policy.decide(view.withInFlight(1), 0)).isEqualTo(BatchDecision.waitUntil(WAIT_NANOS));
    }
}
