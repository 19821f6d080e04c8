// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.bench.devices;

import dev.ayo4j.Checks;
import java.util.Arrays;

/**
 * The prompt caches of an LLM's slots, as llama.cpp keeps them: a request goes to the idle slot whose
 * cached prompt shares the longest common prefix with it, if that prefix is at least
 * {@code similarity} of the new prompt, else to the least recently used idle slot; only the characters
 * after the shared prefix are prefilled, and the slot then holds the new prompt. A request waits while
 * every slot is busy. Characters stand in for tokens. Thread-safe.
 */
final class PromptCacheModel {
    private final String[] prompts;
    private final long[] lastUse;
    private final boolean[] busy;
    private final double similarity;
    private long clock;

    /** A lease of one slot for one request. */
    record Lease(int slot, int cachedChars) {}

    PromptCacheModel(int slots, double similarity) {
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
        int slot = bestShared > 0 && bestShared >= similarity * prompt.length() ? best : lru;
        busy[slot] = true;
        return new Lease(slot, sharedPrefix(prompts[slot], prompt));
    }

    /** Frees the lease's slot, which now holds {@code prompt}. */
    synchronized void release(Lease lease, String prompt) {
        prompts[lease.slot()] = prompt;
        lastUse[lease.slot()] = ++clock;
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
