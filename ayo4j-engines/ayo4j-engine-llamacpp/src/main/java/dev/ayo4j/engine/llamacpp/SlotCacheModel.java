// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.engine.llamacpp;

import dev.ayo4j.Checks;
import java.util.Arrays;
import java.util.Objects;

/**
 * A model of llama.cpp's slots: which tokens each slot's prompt cache holds, which slots are in use, and
 * which slot a new request goes to, so that the tokens it prefills there are known. The one slot-cache
 * model of the project: {@link LlamaCppEngine} routes its requests with it, and the benchmarks count and
 * time with it what an engine that reports no cache hits prefilled.
 *
 * <p>Two ways of choosing ({@link Choice}). With {@link Choice#AFFINITY} (the engine pins each request to
 * the chosen slot) a request goes to the idle slot whose cached prompt shares the longest token prefix with
 * it (a request of a template finds the slot that last served that template, which holds the template's
 * instructions), if that prefix is at least {@code similarity} of the slot's cached tokens; otherwise (a
 * few common opening words are no reason to evict another template's prefix) to the least recently used
 * idle slot. With {@link Choice#LLAMA_CPP} it goes where llama.cpp's server (build 4916, the one
 * java-llama.cpp bundles) puts a request it may place itself: to the idle slot whose cached tokens share the
 * longest common substring with it, if that is more than {@code similarity} of the slot's tokens, else to
 * the least recently used idle slot. Either way, when every slot is in use the request queues on the slot
 * with the longest shared prefix. llama.cpp reuses exactly the shared prefix of a slot's cache (cache reuse
 * by KV shifting is off) and evaluates at least the prompt's last token: {@link Route#prefilledTokens()}.
 *
 * <p>A slot's cache holds the prompt of its last request ({@link #release(Route)}), or what the caller says
 * the slot holds when it leaves ({@link #release(Route, int[])}: the prompt and the generated tokens, as
 * llama.cpp keeps them). Tokens are any ints (a benchmark that has no tokenizer passes characters).
 * Thread-safe.
 */
public final class SlotCacheModel {
    /** llama.cpp's default {@code slot_prompt_similarity}. */
    public static final double LLAMA_CPP_SIMILARITY = 0.5;

    /** How a request's slot is chosen. */
    public enum Choice {
        /** The longest shared prefix among idle slots (the engine pins the request there). */
        AFFINITY,
        /** As llama.cpp's server chooses a slot itself: longest common substring, else least recently used. */
        LLAMA_CPP
    }

    /** Where one request goes, and how many of its tokens it finds cached there. */
    public record Route(int slot, int promptTokens, int cachedTokens) {
        /** Tokens the request prefills: those after the slot's shared prefix. */
        public int prefilledTokens() {
            return promptTokens - cachedTokens;
        }
    }

    private final Choice choice;
    private final double similarity;
    private final int[][] cached;
    private final int[] inUse;
    private final long[] lastUsed;
    private long clock;

    /**
     * A model of {@code slots} empty slots.
     *
     * @param slots      the LLM's slots, &gt; 0
     * @param choice     how a request's slot is chosen
     * @param similarity the least share of a slot's cached tokens a request must match to be sent there rather
     *                   than to the least recently used slot, in [0, 1]
     */
    public SlotCacheModel(int slots, Choice choice, double similarity) {
        Checks.argument(slots > 0, "slots must be > 0: %s", slots);
        Checks.argument(similarity >= 0 && similarity <= 1, "similarity must be in [0, 1]: %s", similarity);
        this.choice = Objects.requireNonNull(choice, "choice");
        this.similarity = similarity;
        this.cached = new int[slots][];
        this.inUse = new int[slots];
        this.lastUsed = new long[slots];
        Arrays.fill(cached, new int[0]);
    }

    /** The number of slots. */
    public int slots() {
        return cached.length;
    }

    /** Routes a request of {@code tokens} and marks its slot in use until {@link #release}. */
    public synchronized Route acquire(int[] tokens) {
        boolean anyIdle = false;
        for (int n : inUse) {
            anyIdle |= n == 0;
        }
        int best = anyIdle && choice == Choice.LLAMA_CPP ? bySubstring(tokens) : byPrefix(tokens, anyIdle);
        int shared = sharedPrefix(cached[best], tokens);
        inUse[best]++;
        lastUsed[best] = ++clock;
        // A queued request finds the prompt of the request before it, not the cache as it is now.
        cached[best] = tokens;
        return new Route(best, tokens.length, Math.max(0, Math.min(shared, tokens.length - 1)));
    }

    /** Affinity's choice; also where a request queues when every slot is in use. */
    private int byPrefix(int[] tokens, boolean anyIdle) {
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
        // Sharing only the first token (BOS), or a few opening tokens of another template, is sharing nothing.
        if (anyIdle && (bestShared <= 1 || bestShared < similarity * cached[best].length)) {
            return leastRecentlyUsedIdle();
        }
        return best;
    }

    /** llama.cpp's own choice among idle slots. */
    private int bySubstring(int[] tokens) {
        int best = -1;
        int bestLength = 0;
        for (int s = 0; s < cached.length; s++) {
            if (inUse[s] > 0 || cached[s].length == 0) {
                continue;
            }
            int common = longestCommonSubstring(cached[s], tokens);
            if (common > bestLength && common > similarity * cached[s].length) {
                best = s;
                bestLength = common;
            }
        }
        return best >= 0 ? best : leastRecentlyUsedIdle();
    }

    private int leastRecentlyUsedIdle() {
        int lru = -1;
        for (int s = 0; s < cached.length; s++) {
            if (inUse[s] == 0 && (lru < 0 || lastUsed[s] < lastUsed[lru])) {
                lru = s;
            }
        }
        return lru;
    }

    /** The request routed by {@code route} has left its slot, which keeps that request's prompt. */
    public synchronized void release(Route route) {
        Checks.state(inUse[route.slot()] > 0, "slot %s is not in use", route.slot());
        inUse[route.slot()]--;
    }

    /** The request routed by {@code route} has left its slot, which now holds {@code tokens}. */
    public synchronized void release(Route route, int[] tokens) {
        release(route);
        cached[route.slot()] = tokens.clone();
    }

    static int sharedPrefix(int[] a, int[] b) {
        int n = Math.min(a.length, b.length);
        int i = 0;
        while (i < n && a[i] == b[i]) {
            i++;
        }
        return i;
    }

    /** Length of the longest run of tokens that {@code a} and {@code b} both contain (llama.cpp's {@code common_lcs}). */
    static int longestCommonSubstring(int[] a, int[] b) {
        int[] previous = new int[b.length + 1];
        int[] current = new int[b.length + 1];
        int longest = 0;
        for (int i = 1; i <= a.length; i++) {
            for (int j = 1; j <= b.length; j++) {
                current[j] = a[i - 1] == b[j - 1] ? previous[j - 1] + 1 : 0;
                longest = Math.max(longest, current[j]);
            }
            int[] t = previous;
            previous = current;
            current = t;
        }
        return longest;
    }
}
