// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.bench.devices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PromptCacheModelTest {
    @Test
    void aGrowingPromptLandsOnTheSlotHoldingItsPrefix() throws InterruptedException {
        PromptCacheModel cache = new PromptCacheModel(2, 0.1);
        PromptCacheModel.Lease first = cache.acquire("instructions. question?");
        cache.release(first, "instructions. question?");
        PromptCacheModel.Lease other = cache.acquire("something else entirely");
        cache.release(other, "something else entirely");

        PromptCacheModel.Lease grown = cache.acquire("instructions. question? passage 1");

        assertThat(grown.slot()).isEqualTo(first.slot());
        assertThat(grown.cachedChars()).isEqualTo("instructions. question?".length());
    }

    @Test
    void aPromptSharingTooLittleGoesToTheLeastRecentlyUsedSlot() throws InterruptedException {
        PromptCacheModel cache = new PromptCacheModel(2, 0.5);
        PromptCacheModel.Lease a = cache.acquire("abcdefgh");
        cache.release(a, "abcdefgh");
        PromptCacheModel.Lease b = cache.acquire("zzzz");
        cache.release(b, "zzzz");

        PromptCacheModel.Lease c = cache.acquire("abXXXXXXXXXX");

        assertThat(c.slot()).isEqualTo(a.slot());
        assertThat(c.cachedChars()).isEqualTo(2);
    }

    @Test
    void aBusySlotIsNotTakenEvenIfItHoldsTheLongestPrefix() throws InterruptedException {
        PromptCacheModel cache = new PromptCacheModel(2, 0.1);
        PromptCacheModel.Lease a = cache.acquire("shared prefix");
        cache.release(a, "shared prefix");
        PromptCacheModel.Lease busy = cache.acquire("shared prefix, generating");

        PromptCacheModel.Lease next = cache.acquire("shared prefix, another");

        assertThat(next.slot()).isNotEqualTo(busy.slot());
        assertThat(next.cachedChars()).isZero();
    }

    @Test
    void aSentPromptCountsWhatItsSlotHadCachedAndStaysThere() {
        PromptCacheModel cache = new PromptCacheModel(2, 0.5);
        assertThat(cache.send("abcdefgh")).isZero();
        assertThat(cache.send("zzzz")).isZero();

        assertThat(cache.send("abcdefghij")).isEqualTo(8);
        assertThat(cache.send("abXXXXXXXXXX")).as("too little shared: the least recently used slot").isZero();
        assertThat(cache.send("abcdefghij")).as("that slot was zzzz's, so abcdefghij is still cached")
                .isEqualTo(10);
    }

    @Test
    void sendingWhileEverySlotIsLeasedIsRefused() throws InterruptedException {
        PromptCacheModel cache = new PromptCacheModel(1, 0.5);
        cache.acquire("leased");

        assertThatThrownBy(() -> cache.send("counted")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("leased");
    }
}
