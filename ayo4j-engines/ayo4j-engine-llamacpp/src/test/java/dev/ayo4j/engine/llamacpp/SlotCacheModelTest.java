// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.engine.llamacpp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Slot choice and the count of tokens a request finds cached. */
class SlotCacheModelTest {
    /** A prompt of template {@code template} (BOS and 30 tokens) followed by {@code variable}'s 5 tokens. */
    private static int[] prompt(int template, int variable) {
        return IntStream.concat(IntStream.of(-1),
                IntStream.concat(IntStream.range(0, 30).map(i -> template * 100 + i),
                        IntStream.range(0, 5).map(i -> 10_000 + variable * 100 + i))).toArray();
    }

    /** Routes {@code prompt} and releases its slot at once, as a request that ran and ended. */
    private static SlotCacheModel.Route served(SlotCacheModel model, int[] prompt) {
        SlotCacheModel.Route route = model.acquire(prompt);
        model.release(route);
        return route;
    }

    @Test
    void aTemplateKeepsGoingToTheSlotThatHoldsItsPrefix() {
        SlotCacheModel router = new SlotCacheModel(2, SlotCacheModel.Choice.AFFINITY, 0.1);
        SlotCacheModel.Route expand1 = served(router, prompt(1, 1));
        SlotCacheModel.Route answer1 = served(router, prompt(2, 1));

        SlotCacheModel.Route expand2 = served(router, prompt(1, 2));
        SlotCacheModel.Route answer2 = router.acquire(prompt(2, 2));

        assertThat(answer1.slot()).isNotEqualTo(expand1.slot());
        assertThat(expand2.slot()).isEqualTo(expand1.slot());
        assertThat(answer2.slot()).isEqualTo(answer1.slot());
        assertThat(expand2.cachedTokens()).isEqualTo(31);
        assertThat(expand2.prefilledTokens()).isEqualTo(5);
    }

    @Test
    void aSharedPrefixBusyElsewhereDoesNotMakeARequestWaitWhileASlotIsIdle() {
        SlotCacheModel router = new SlotCacheModel(2, SlotCacheModel.Choice.AFFINITY, 0.1);
        served(router, prompt(1, 1));
        SlotCacheModel.Route running = router.acquire(prompt(1, 2));

        SlotCacheModel.Route next = router.acquire(prompt(1, 3));

        assertThat(next.slot()).isNotEqualTo(running.slot());
        assertThat(next.cachedTokens()).isZero();
    }

    @Test
    void withEverySlotInUseARequestQueuesBehindItsPrefix() {
        SlotCacheModel router = new SlotCacheModel(2, SlotCacheModel.Choice.AFFINITY, 0.1);
        SlotCacheModel.Route a = router.acquire(prompt(1, 1));
        SlotCacheModel.Route b = router.acquire(prompt(2, 1));

        SlotCacheModel.Route queued = router.acquire(prompt(2, 2));

        assertThat(queued.slot()).isEqualTo(b.slot()).isNotEqualTo(a.slot());
        assertThat(queued.cachedTokens()).isEqualTo(31);
    }

    @Test
    void aFewCommonOpeningTokensDoNotEvictAnotherTemplatesPrefix() {
        SlotCacheModel router = new SlotCacheModel(2, SlotCacheModel.Choice.AFFINITY, 0.1);
        int[] expand = prompt(1, 1);
        SlotCacheModel.Route first = served(router, expand);
        int[] answer = prompt(2, 1);
        answer[1] = expand[1];

        SlotCacheModel.Route other = router.acquire(answer);

        assertThat(other.slot()).isNotEqualTo(first.slot());
        assertThat(other.cachedTokens()).isZero();
    }

    @Test
    void aPromptFoundWhollyCachedStillEvaluatesItsLastToken() {
        SlotCacheModel router = new SlotCacheModel(1, SlotCacheModel.Choice.AFFINITY, 0.1);
        served(router, prompt(1, 1));

        SlotCacheModel.Route again = router.acquire(prompt(1, 1));

        assertThat(again.prefilledTokens()).isEqualTo(1);
    }

    @Test
    void llamaCppsOwnChoiceFollowsTheLongestCommonSubstringOfASlotsTokens() {
        SlotCacheModel model = new SlotCacheModel(2, SlotCacheModel.Choice.LLAMA_CPP, 0.5);
        SlotCacheModel.Route a = served(model, prompt(1, 1));
        SlotCacheModel.Route b = served(model, prompt(2, 1));
        // The template's tokens follow one token that differs, so the shared prefix is 0 but the common
        // substring is 30 of the slot's 36 tokens: llama.cpp picks that slot and prefills it all.
        int[] shifted = prompt(1, 2);
        shifted[0] = -2;

        SlotCacheModel.Route r = model.acquire(shifted);

        assertThat(r.slot()).isEqualTo(a.slot());
        assertThat(r.cachedTokens()).isZero();
    }

    @Test
    void llamaCppsOwnChoiceReusesTheSharedPrefixOfTheSlotItPicks() {
        SlotCacheModel model = new SlotCacheModel(2, SlotCacheModel.Choice.LLAMA_CPP, 0.5);
        SlotCacheModel.Route a = served(model, prompt(1, 1));
        served(model, prompt(2, 1));

        SlotCacheModel.Route r = model.acquire(prompt(1, 2));

        assertThat(r.slot()).isEqualTo(a.slot());
        assertThat(r.cachedTokens()).isEqualTo(31);
    }

    @Test
    void belowTheSimilarityLlamaCppTakesTheLeastRecentlyUsedSlot() {
        SlotCacheModel model = new SlotCacheModel(2, SlotCacheModel.Choice.LLAMA_CPP, 0.9);
        SlotCacheModel.Route a = served(model, prompt(1, 1));
        SlotCacheModel.Route b = served(model, prompt(2, 1));

        SlotCacheModel.Route r = model.acquire(prompt(2, 2));

        assertThat(r.slot()).as("31 of 36 tokens shared is below 0.9: LRU").isEqualTo(a.slot());
        assertThat(r.cachedTokens()).isEqualTo(1);
    }

    @Test
    void aSlotReleasedWithItsGeneratedTokensHoldsThem() {
        SlotCacheModel model = new SlotCacheModel(1, SlotCacheModel.Choice.AFFINITY, 0.1);
        int[] prompt = prompt(1, 1);
        int[] withOutput = IntStream.concat(IntStream.of(prompt), IntStream.of(7, 8, 9)).toArray();
        model.release(model.acquire(prompt), withOutput);

        SlotCacheModel.Route next = model.acquire(IntStream.concat(IntStream.of(withOutput), IntStream.of(5)).toArray());

        assertThat(next.cachedTokens()).isEqualTo(withOutput.length);
        assertThat(next.prefilledTokens()).isEqualTo(1);
    }
}
