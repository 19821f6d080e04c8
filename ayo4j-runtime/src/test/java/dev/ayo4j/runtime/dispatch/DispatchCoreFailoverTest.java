// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.runtime.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ayo4j.runtime.policies.BatchPolicies;
import dev.ayo4j.testkit.ManualTicker;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The core's failover decisions on a manual ticker: a failed member goes down, its batch goes back in
 * arrival order to the members that are up, it is probed only once its back-off has passed on the ticker,
 * a failed probe doubles the back-off, and an item runs at most {@code maxAttempts} times. No thread, no
 * sleep: what a slow machine would change here is only when the shell reports, never what the core decides.
 */
class DispatchCoreFailoverTest {
    private static final long BACKOFF = TimeUnit.MILLISECONDS.toNanos(250);
    private static final long MAX_BACKOFF = TimeUnit.SECONDS.toNanos(10);

    private final ManualTicker ticker = new ManualTicker();

    private DispatchCore<String> core(int members, int maxBatch, int maxAttempts) {
        return new DispatchCore<>(new DispatchCore.Config("test", members, maxBatch, BatchPolicies.maxBatch(maxBatch),
                Levels.single(), maxAttempts, BACKOFF, MAX_BACKOFF), ticker);
    }

    private static Work<String> text(String item) {
        return Work.inArrivalOrder(item, item, 1);
    }

    private static List<Action.Run<String>> runs(List<Action<String>> actions) {
        return actions.stream().filter(a -> a instanceof Action.Run<String>).map(a -> (Action.Run<String>) a).toList();
    }

    private static long wait(List<Action<String>> actions) {
        return ((Action.WaitUntil<String>) actions.getLast()).deadlineNanos();
    }

    @Test
    void aFailedMembersBatchGoesToAnotherMemberInArrivalOrder() {
        DispatchCore<String> core = core(2, 2, 4);
        core.submit(List.of(text("a"), text("b"), text("c"), text("d")));
        List<Action.Run<String>> first = runs(core.tick());
        assertThat(first).extracting(Action.Run::member).containsExactly(0, 1);
        assertThat(first.get(0).items()).containsExactly("a", "b");

        assertThat(core.fail(first.get(0).batchId(), true)).isEmpty();
        assertThat(core.stats().live()).isEqualTo(1);
        List<Action<String>> actions = core.tick();
        assertThat(runs(actions)).as("member 1 is still busy, member 0 is down").isEmpty();
        assertThat(wait(actions)).as("woken for the probe when the back-off ends").isEqualTo(BACKOFF);

        core.complete(first.get(1).batchId(), 0);
        List<Action.Run<String>> again = runs(core.tick());
        assertThat(again).singleElement().satisfies(r -> {
            assertThat(r.member()).isEqualTo(1);
            assertThat(r.items()).containsExactly("a", "b");
        });
    }

    @Test
    void aDownMemberIsProbedOnlyAfterItsBackOffWhichDoublesWhileProbesFail() {
        DispatchCore<String> core = core(1, 4, 4);
        core.submit(text("a"));
        Action.Run<String> run = runs(core.tick()).getFirst();
        core.fail(run.batchId(), true);

        ticker.advance(Duration.ofMillis(249));
        assertThat(core.tick()).singleElement().isInstanceOf(Action.WaitUntil.class);
        ticker.advance(Duration.ofMillis(1));
        List<Action<String>> due = core.tick();
        assertThat(due.getFirst()).isEqualTo(new Action.Probe<String>(0));
        assertThat(core.tick()).as("one probe at a time").singleElement().isEqualTo(new Action.WaitUntil<String>(
                Long.MAX_VALUE));

        long probedAt = ticker.read();
        core.probed(0, false);
        assertThat(wait(core.tick())).as("back-off doubled").isEqualTo(probedAt + 2 * BACKOFF);
        ticker.advance(Duration.ofMillis(500));
        assertThat(core.tick().getFirst()).isEqualTo(new Action.Probe<String>(0));
        core.probed(0, true);
        assertThat(runs(core.tick())).singleElement().satisfies(r -> assertThat(r.items()).containsExactly("a"));
    }

    @Test
    void anItemIsGivenUpAfterItsAttempts() {
        DispatchCore<String> core = core(1, 4, 2);
        core.submit(text("a"));
        core.fail(runs(core.tick()).getFirst().batchId(), true);
        ticker.advance(Duration.ofSeconds(1));
        core.tick();
        core.probed(0, true);
        Action.Run<String> second = runs(core.tick()).getFirst();
        assertThat(core.fail(second.batchId(), true)).containsExactly("a");
        assertThat(core.queued()).isZero();
    }

    @Test
    void aFailureNotTheMembersFaultRetriesNothingAndKeepsTheMemberUp() {
        DispatchCore<String> core = core(1, 4, 4);
        core.submit(List.of(text("a"), text("b")));
        assertThat(core.fail(runs(core.tick()).getFirst().batchId(), false)).containsExactly("a", "b");
        assertThat(core.stats().live()).isEqualTo(1);
    }

    @Test
    void aBatchThatFailsAfterCloseIsGivenUpNotQueuedAgain() {
        DispatchCore<String> core = core(2, 1, 4);
        core.submit(List.of(text("a"), text("b"), text("c")));
        List<Action.Run<String>> running = runs(core.tick());
        assertThat(core.close()).containsExactly("c");
        assertThat(core.fail(running.getFirst().batchId(), true)).containsExactly("a");
        assertThat(core.queued()).isZero();
        assertThat(core.complete(running.getLast().batchId(), 0)).containsExactly("b");
    }

    @Test
    void cancelWithdrawsOnlyTheQueuedItemsOfItsGroup() {
        DispatchCore<String> core = core(1, 1, 1);
        core.submit(List.of(new Work<>("q1-a", "q1", 0, 0, 1, 1, false), new Work<>("q2-a", "q2", 0, 0, 1, 1, false),
                new Work<>("q1-b", "q1", 0, 0, 1, 1, false)));
        Action.Run<String> running = runs(core.tick()).getFirst();
        assertThat(running.items()).containsExactly("q1-a");
        assertThat(core.cancel("q1")).containsExactly("q1-b");
        assertThat(core.queued()).isEqualTo(1);
        core.complete(running.batchId(), 0);
        assertThat(runs(core.tick()).getFirst().items()).containsExactly("q2-a");
    }
}
