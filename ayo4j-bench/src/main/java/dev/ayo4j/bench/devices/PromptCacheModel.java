// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.bench.devices;

import dev.ayo4j.Checks;
import java.util.Arrays;

/**
 * The prompt caches of an LLM's slots, as llama.cpp keeps them: a request goes to the idle slot whose
 * cached prompt shares the longest common prefix with it, if that prefix is at least
 * {@code similarity} of the new prompt, else to the least recently used idle slot; only the characters
 * after the shared prefix are prefilled, and the slot then holds the new prompt. A request leased with
 * {@link #acquire} waits while every slot is busy; one only counted with {@link #send} holds its slot for
 * no time. Characters stand in for tokens. Thread-safe.
 */
public final class PromptCacheModel {
    /** llama.cpp's default {@code slot_prompt_similarity}. */
    public static final double LLAMA_CPP_SIMILARITY = 0.5;

    private final String[] prompts;
    private final long[] lastUse;
    private final boolean[] busy;
    private final double similarity;
    private long clock;

    /** A lease of one slot for one request. */
    record Lease(int slot, int cachedChars) {}

    /**
     * A model of {@code slots} empty slots.
     *
     * @param slots the LLM's slots, &gt; 0
     * @param similarity the least share of a prompt a slot's cached prefix must cover to be chosen over the
     *     least recently used slot ({@link #LLAMA_CPP_SIMILARITY} for llama.cpp's default)
     */
    public PromptCacheModel(int slots, double similarity) {
        Checks.argument(slots > 0, "slots must be > 0: %s", slots);
        this.prompts = new String[slots];
        Arrays.fill(prompts, "");
        this.lastUse = new long[slots];
        this.busy = new boolean[slots];
        this.similarity = similarity;
    }

    /** Takes a slot for {@code prompt}, waiting for one to be idle; says how much of it is cached there. */
    synchronized Lease acquire(String prompt) throws InterruptedException {
        while (allBusy()) {
            wait();
        }
        int slot = pick(prompt);
        busy[slot] = true;
        return new Lease(slot, sharedPrefix(prompts[slot], prompt));
    }

    /**
     * Sends {@code prompt} to the slot {@link #acquire} would give it, which holds it at once: for counting
     * prefilled characters where requests are not leased.
     *
     * @return how many of the prompt's leading characters that slot had cached
     * @throws IllegalStateException if every slot is leased
     */
    public synchronized int send(String prompt) {
        Checks.state(!allBusy(), "every one of the %s slots is leased", prompts.length);
        int slot = pick(prompt);
        int cached = sharedPrefix(prompts[slot], prompt);
        hold(slot, prompt);
        return cached;
    }

    private int pick(String prompt) {
        int best = -1;
        int bestShared = -1;
        int lru = -1;
        for (int i = 0; i < prompts.length; i++) {
            if (busy[i]) {
                continue;
            }
            int shared = sharedPrefix(prompts[i], prompt);
            if (shared > bestShared) {
                best = i;
                bestShared = shared;
            }
            if (lru < 0 || lastUse[i] < lastUse[lru]) {
                lru = i;
            }
        }
        return bestShared > 0 && bestShared >= similarity * prompt.length() ? best : lru;
    }

    private void hold(int slot, String prompt) {
        prompts[slot] = prompt;
        lastUse[slot] = ++clock;
    }

    /** Frees the lease's slot, which now holds {@code prompt}. */
    synchronized void release(Lease lease, String prompt) {
        hold(lease.slot(), prompt);
        busy[lease.slot()] = false;
        notifyAll();
    }

    private boolean allBusy() {
        for (boolean b : busy) {
            if (!b) {
                return false;
            }
        }
        return true;
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
