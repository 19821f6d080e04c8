// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.engine.llamacpp;

import java.util.Arrays;

/**
 * The engine's model of llama.cpp's slots: which tokens each slot's prompt cache holds, which slots are
 * in use, and where a new request should go so that it finds its prefix.
 *
 * <p>With affinity a request goes to the idle slot whose cached prompt shares the longest token prefix
 * with it (a request of a template finds the slot that last served that template, which holds the
 * template's instructions), if that prefix is at least {@code similarity} of the slot's cached tokens;
 * otherwise (a few common opening words are no reason to evict another template's prefix) to the least
 * recently used idle slot. When every slot is in use, it goes to the slot with the longest shared prefix,
 * where llama.cpp queues it until the slot is free. llama.cpp reuses exactly the shared prefix of a slot's cache (cache reuse by KV
 * shifting is off) and evaluates at least the prompt's last token, so with the slot pinned the tokens a
 * request prefills are known: {@link Route#prefilledTokens()}. Without affinity llama.cpp chooses the
 * slot itself and the count assumes nothing was reused.
 *
 * <p>A slot's cache is modelled as the prompt of its last request; the tokens that request generated
 * also stay in llama.cpp's cache, so a prompt that repeats a previous prompt and its output is counted
 * as prefilling that output again (an overcount; the built-in apps never do that). Thread-safe.
 */
final class SlotRouter {
    /** Where one request goes, and how many of its tokens it finds cached there. */
    record Route(int slot, int promptTokens, int cachedTokens) {
        /** -1: llama.cpp chooses. */
        static final int ANY = -1;

        int prefilledTokens() {
            return promptTokens - cachedTokens;
        }
    }

    private final boolean affinity;
    private final double similarity;
    private final int[][] cached;
    private final int[] inUse;
    private final long[] lastUsed;
    private long clock;

    SlotRouter(int slots, boolean affinity, double similarity) {
        this.affinity = affinity;
        this.similarity = similarity;
        this.cached = new int[slots][];
        this.inUse = new int[slots];
        this.lastUsed = new long[slots];
        Arrays.fill(cached, new int[0]);
    }

    /** Routes a request of {@code tokens} (BOS included) and marks its slot in use until {@link #release}. */
    synchronized Route acquire(int[] tokens) {
        if (!affinity) {
            return new Route(Route.ANY, tokens.length, 0);
        }
        boolean anyIdle = false;
        for (int n : inUse) {
            anyIdle |= n == 0;
        }
        int best = -1;
        int bestShared = -1;
        for (int s = 0; s < cached.length; s++) {
            if (anyIdle && inUse[s] > 0) {
                continue;
            }
            int shared = sharedPrefix(cached[s], tokens);
            if (shared > bestShared || shared == bestShared && lastUsed[s] < lastUsed[best]) {
                best = s;
                bestShared = shared;
            }
        }
        // Sharing only the BOS token, or a few opening tokens of another template, is sharing nothing.
        if (bestShared <= 1 || bestShared < similarity * cached[best].length) {
            for (int s = 0; s < cached.length; s++) {
                if ((!anyIdle || inUse[s] == 0) && lastUsed[s] < lastUsed[best]) {
                    best = s;
                }
            }
            bestShared = sharedPrefix(cached[best], tokens);
        }
        inUse[best]++;
        lastUsed[best] = ++clock;
        // A queued request finds the prompt of the request before it, not the cache as it is now.
        cached[best] = tokens;
        return new Route(best, tokens.length, Math.min(bestShared, tokens.length - 1));
    }

    /** The request routed by {@code route} has left its slot. */
    synchronized void release(Route route) {
        if (route.slot() != Route.ANY) {
            inUse[route.slot()]--;
        }
    }

    private static int sharedPrefix(int[] a, int[] b) {
        int n = Math.min(a.length, b.length);
        int i = 0;
        while (i < n && a[i] == b[i]) {
            i++;
        }
        return i;
    }
}
