// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.bench.app;

import dev.ayo4j.Checks;
import java.util.Arrays;

/**
 * The prompt caches of an LLM's slots as llama.cpp picks them, for counting prefilled tokens: a prompt
 * goes to the slot whose cached prompt shares the longest common prefix with it, if that prefix is at
 * least {@code similarity} of the prompt, else to the least recently used slot, which then holds it.
 * Unlike the device model's cache it never waits for a slot: it only counts. Characters stand in for
 * tokens. Thread-safe.
 */
final class SlotCacheModel {
    /** llama.cpp's default {@code slot_prompt_similarity}. */
    static final double LLAMA_CPP_SIMILARITY = 0.5;

    private final String[] prompts;
    private final long[] lastUse;
    private final double similarity;
    private long clock;

    SlotCacheModel(int slots, double similarity) {
        Checks.argument(slots > 0, "slots must be > 0: %s", slots);
        this.prompts = new String[slots];
        Arrays.fill(prompts, "");
        this.lastUse = new long[slots];
        this.similarity = similarity;
    }

    /** Sends {@code prompt} to a slot; returns how many of its leading characters that slot had cached. */
    synchronized int send(String prompt) {
        int best = 0;
        int bestShared = -1;
        int lru = 0;
        for (int i = 0; i < prompts.length; i++) {
            int shared = sharedPrefix(prompts[i], prompt);
            if (shared > bestShared) {
                best = i;
                bestShared = shared;
            }
            if (lastUse[i] < lastUse[lru]) {
                lru = i;
            }
        }
        int slot = bestShared > 0 && bestShared >= similarity * prompt.length() ? best : lru;
        int cached = sharedPrefix(prompts[slot], prompt);
        prompts[slot] = prompt;
        lastUse[slot] = ++clock;
        return cached;
    }

    static int sharedPrefix(String a, String b) {
        int n = Math.min(a.length(), b.length());
        int i = 0;
        while (i < n && a.charAt(i) == b.charAt(i)) {
            i++;
        }
        return i;
    }
}
