// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.engine.llamacpp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Slot choice and the count of tokens a request finds cached. */
class SlotRouterTest {
    /** A prompt of template {@code template} (BOS and 30 tokens) followed by {@code variable}'s 5 tokens. */
    private static int[] prompt(int template, int variable) {
        return IntStream.concat(IntStream.of(-1),
                IntStream.concat(IntStream.range(0, 30).map(i -> template * 100 + i),
                        IntStream.range(0, 5).map(i -> 10_000 + variable * 100 + i))).toArray();
    }

    @Test
    void aTemplateKeepsGoingToTheSlotThatHoldsItsPrefix() {
        SlotRouter router = new SlotRouter(2, true, 0.1);
        SlotRouter.Route expand1 = router.acquire(prompt(1, 1));
        router.release(expand1);
        SlotRouter.Route answer1 = router.acquire(prompt(2, 1));
        router.release(answer1);

        SlotRouter.Route expand2 = router.acquire(prompt(1, 2));
        router.release(expand2);
        SlotRouter.Route answer2 = router.acquire(prompt(2, 2));

        assertThat(answer1.slot()).isNotEqualTo(expand1.slot());
        assertThat(expand2.slot()).isEqualTo(expand1.slot());
        assertThat(answer2.slot()).isEqualTo(answer1.slot());
        assertThat(expand2.cachedTokens()).isEqualTo(31);
        assertThat(expand2.prefilledTokens()).isEqualTo(5);
    }

    @Test
    void aSharedPrefixBusyElsewhereDoesNotMakeARequestWaitWhileASlotIsIdle() {
        SlotRouter router = new SlotRouter(2, true, 0.1);
        router.release(router.acquire(prompt(1, 1)));
        SlotRouter.Route running = router.acquire(prompt(1, 2));

        SlotRouter.Route next = router.acquire(prompt(1, 3));

        assertThat(next.slot()).isNotEqualTo(running.slot());
        assertThat(next.cachedTokens()).isZero();
    }

    @Test
    void withEverySlotInUseARequestQueuesBehindItsPrefix() {
        SlotRouter router = new SlotRouter(2, true, 0.1);
        SlotRouter.Route a = router.acquire(prompt(1, 1));
        SlotRouter.Route b = router.acquire(prompt(2, 1));

        SlotRouter.Route queued = router.acquire(prompt(2, 2));

        assertThat(queued.slot()).isEqualTo(b.slot()).isNotEqualTo(a.slot());
        assertThat(queued.cachedTokens()).isEqualTo(31);
    }

    @Test
    void aFewCommonOpeningTokensDoNotEvictAnotherTemplatesPrefix() {
        SlotRouter router = new SlotRouter(2, true, 0.1);
        int[] expand = prompt(1, 1);
        SlotRouter.Route first = router.acquire(expand);
        router.release(first);
        int[] answer = prompt(2, 1);
        answer[1] = expand[1];

        SlotRouter.Route other = router.acquire(answer);

        assertThat(other.slot()).isNotEqualTo(first.slot());
        assertThat(other.cachedTokens()).isZero();
    }

    @Test
    void aPromptFoundWhollyCachedStillEvaluatesItsLastToken() {
        SlotRouter router = new SlotRouter(1, true, 0.1);
        router.release(router.acquire(prompt(1, 1)));

        SlotRouter.Route again = router.acquire(prompt(1, 1));

        assertThat(again.prefilledTokens()).isEqualTo(1);
    }

    @Test
    void withoutAffinityLlamaCppChoosesAndNothingCountsAsCached() {
        SlotRouter router = new SlotRouter(2, false, 0.1);
        router.release(router.acquire(prompt(1, 1)));

        SlotRouter.Route r = router.acquire(prompt(1, 2));

        assertThat(r.slot()).isEqualTo(SlotRouter.Route.ANY);
        assertThat(r.prefilledTokens()).isEqualTo(36);
    }
}
