// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.encoders.pool;

import dev.ayo4j.RetriableEngineException;
import dev.ayo4j.encoders.Allocator;
import dev.ayo4j.encoders.ArloRouting;
import dev.ayo4j.encoders.ForwardPassLatency;
import dev.ayo4j.encoders.LengthBins;
import dev.ayo4j.spi.BatchDecision;
import dev.ayo4j.spi.BatchPolicy;
import dev.ayo4j.spi.QueueView;
import dev.ayo4j.spi.Ticker;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * The pool's queues and its decisions, all under one lock; the pool's threads do the I/O.
 *
 * <p><b>Levels.</b> Shared mode has one level that every member pulls from (the shape the simulator models).
 * Binned mode has one level per length bin: each text is routed on arrival with {@link ArloRouting} (from its
 * tightest bin toward longer ones while a bin is congested: queued plus in-flight texts over the live
 * members' batch capacity), and a member serves its bin's level, or, when that is empty, the nearest shorter
 * non-empty one (a short text may ride on a longer bin's member, never the reverse). Every
 * {@code periodNanos} the {@link Allocator} re-splits the live members over bins from the arrivals of the
 * last period, moving as few members as it can and keeping one on the longest bin; a member that fails or
 * comes back triggers a re-split with the last loads.
 *
 * <p><b>Inside a level</b> the unmodified {@link BatchPolicy} picks each batch from a {@link QueueView} of
 * single-text entries in arrival order, when a member is free.
 *
 * <p><b>Failures.</b> A {@link MemberFailedException} puts the member down (exponential back-off, probed
 * before it returns) and puts its batch back in arrival order; a text is re-dispatched at most
 * {@code maxAttempts - 1} times. A text is answered at most once: only the member thread that holds it
 * completes it, and a requeued text is held by no member.
 */
final class Dispatcher {
    /** One text of a request. */
    static final class Pending {
        final Job job;
        final int index;
        final String text;
        final int tokens;
        final long seq;
        final long enqueuedNanos;
        int attempts;

        Pending(Job job, int index, String text, int tokens, long seq, long enqueuedNanos) {
            this.job = job;
            this.index = index;
            this.text = text;
            this.tokens = tokens;
            this.seq = seq;
            this.enqueuedNanos = enqueuedNanos;
        }
    }

    /** One request: its vectors fill in as batches finish. */
    static final class Job {
        final float[][] out;
        int remaining;
        final CompletableFuture<List<float[]>> future = new CompletableFuture<>();

        Job(int n) {
            out = new float[n][];
            remaining = n;
        }
    }

    private static final Comparator<Pending> BY_SEQ = Comparator.comparingLong(p -> p.seq);

    private final String pool;
    private final Ticker ticker;
    private final BatchPolicy policy;
    private final @Nullable LengthBins bins;
    private final ArloRouting routing;
    private final ForwardPassLatency cost;
    private final int tokenBudget;
    private final int maxBatch;
    private final int capacity;
    private final long periodNanos;
    private final int maxAttempts;
    private final long backoffNanos;
    private final long maxBackoffNanos;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final List<List<Pending>> levels = new ArrayList<>();
    private final int[] memberBin;
    private final boolean[] up;
    private final int[] inFlight;
    private final long[] downUntil;
    private final long[] backoff;
    private final long[] arrivals;
    private @Nullable List<Allocator.BinLoad> lastLoads;
    private long windowStart;
    private long seq;
    private int queued;
    private long batches;
    private long usefulTokens;
    private long paddedTokens;
    private boolean closed;

    Dispatcher(String pool, int members, Ticker ticker, BatchPolicy policy, @Nullable LengthBins bins,
               ArloRouting routing, ForwardPassLatency cost, int tokenBudget, int maxBatch, int capacity, long periodNanos,
               int maxAttempts, long backoffNanos, long maxBackoffNanos) {
        this.pool = pool;
        this.ticker = ticker;
        this.policy = policy;
        this.bins = bins;
        this.routing = routing;
        this.cost = cost;
        this.tokenBudget = tokenBudget;
        this.maxBatch = maxBatch;
        this.capacity = capacity;
        this.periodNanos = periodNanos;
        this.maxAttempts = maxAttempts;
        this.backoffNanos = backoffNanos;
        this.maxBackoffNanos = maxBackoffNanos;
        int k = bins == null ? 1 : bins.count();
        for (int b = 0; b < k; b++) {
            levels.add(new ArrayList<>());
        }
        memberBin = new int[members];
        Arrays.fill(memberBin, k - 1); // until the first allocation every member serves every length
        up = new boolean[members];
        Arrays.fill(up, true);
        inFlight = new int[members];
        downUntil = new long[members];
        backoff = new long[members];
        Arrays.fill(backoff, backoffNanos);
        arrivals = new long[k];
        windowStart = ticker.read();
    }

    /** Most texts that may wait at once. */
    int capacity() {
        return capacity;
    }

    /** Queues a request's texts with their token counts; throws {@link OverloadedException} if they do not fit. */
    CompletableFuture<List<float[]>> enqueue(List<String> texts, int[] tokens) {
        Job job = new Job(texts.size());
        lock.lock();
        try {
            if (closed) {
                throw new RetriableEngineException("encoder pool " + pool + " is closed");
            }
            if (queued + texts.size() > capacity) {
                throw new OverloadedException(pool, queued, texts.size(), capacity);
            }
            long now = ticker.read();
            maybeReallocate(now);
            for (int i = 0; i < texts.size(); i++) {
                Pending p = new Pending(job, i, texts.get(i), tokens[i], seq++, now);
                if (bins != null) {
                    arrivals[bins.binOf(p.tokens)]++;
                }
                levels.get(route(p.tokens)).add(p);
            }
            queued += texts.size();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        return job.future;
    }

    /** The next batch for member {@code m}, blocking until there is one; null once closed. */
    @Nullable List<Pending> next(int m) throws InterruptedException {
        lock.lock();
        try {
            while (!closed) {
                int lv = eligibleLevel(m);
                if (lv < 0) {
                    changed.await();
                    continue;
                }
                List<Pending> level = levels.get(lv);
                int before = level.size();
                level.removeIf(p -> p.job.future.isDone()); // a failed or cancelled request's other texts
                queued -= before - level.size();
                if (level.isEmpty()) {
                    continue;
                }
                long now = ticker.read();
                List<Pending> batch = switch (policy.decide(new LevelView(level, busyOn(lv)), now)) {
                    case BatchDecision.Dispatch(int count) -> take(level, head(Math.min(count, level.size())));
                    case BatchDecision.DispatchSelected(List<Integer> indices) -> take(level, indices);
                    case BatchDecision.WaitUntil(long deadline) when deadline > now -> {
                        changed.awaitNanos(Math.min(deadline - now, TimeUnit.SECONDS.toNanos(1)));
                        yield null;
                    }
                    case BatchDecision.WaitUntil _ -> take(level, head(Math.min(maxBatch, level.size())));
                };
                if (batch != null && !batch.isEmpty()) {
                    int longest = 0;
                    for (Pending p : batch) {
                        longest = Math.max(longest, p.tokens);
                        usefulTokens += p.tokens;
                    }
                    paddedTokens += (long) longest * batch.size();
                    batches++;
                    queued -= batch.size();
                    inFlight[m] = batch.size();
                    return batch;
                }
            }
            return null;
        } finally {
            lock.unlock();
        }
    }

    /** Member {@code m} encoded {@code batch}. */
    void complete(int m, List<Pending> batch, List<float[]> vectors) {
        List<Job> done = new ArrayList<>();
        lock.lock();
        try {
            inFlight[m] = 0;
            backoff[m] = backoffNanos;
            for (int i = 0; i < batch.size(); i++) {
                Pending p = batch.get(i);
                if (p.job.out[p.index] != null) {
                    throw new IllegalStateException("invariant broken: text " + p.index + " answered twice");
                }
                p.job.out[p.index] = vectors.get(i);
                if (--p.job.remaining == 0) {
                    done.add(p.job);
                }
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        done.forEach(j -> j.future.complete(List.of(j.out)));
    }

    /** Member {@code m} failed on {@code batch}: re-dispatch it if the member is at fault, else fail its texts. */
    void fail(int m, List<Pending> batch, RuntimeException cause) {
        List<Job> failed = new ArrayList<>();
        RuntimeException error = cause;
        lock.lock();
        try {
            inFlight[m] = 0;
            if (cause instanceof MemberFailedException) {
                long now = ticker.read();
                up[m] = false;
                downUntil[m] = now + backoff[m];
                backoff[m] = Math.min(maxBackoffNanos, backoff[m] * 2);
                reallocate(lastLoads);
                error = new RetriableEngineException(String.format("encoder pool %s: a text failed on %d attempts;"
                        + " last: %s", pool, maxAttempts, cause.getMessage()), cause);
                for (Pending p : batch) {
                    if (++p.attempts >= maxAttempts) {
                        failed.add(p.job);
                    } else if (!p.job.future.isDone()) {
                        insertBySeq(levels.get(route(p.tokens)), p);
                        queued++;
                    }
                }
            } else {
                batch.forEach(p -> failed.add(p.job));
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        for (Job j : failed) {
            j.future.completeExceptionally(error);
        }
    }

    /** Whether member {@code m} is down; if so, waits until it is due for a probe (or the pool closes). */
    boolean awaitProbe(int m) throws InterruptedException {
        lock.lock();
        try {
            while (!closed && !up[m]) {
                long wait = downUntil[m] - ticker.read();
                if (wait <= 0) {
                    return true;
                }
                changed.awaitNanos(wait);
            }
            return false;
        } finally {
            lock.unlock();
        }
    }

    /** Result of a probe of a down member. */
    void probed(int m, boolean healthy) {
        lock.lock();
        try {
            if (healthy) {
                up[m] = true;
                reallocate(lastLoads);
            } else {
                downUntil[m] = ticker.read() + backoff[m];
                backoff[m] = Math.min(maxBackoffNanos, backoff[m] * 2);
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    boolean closed() {
        lock.lock();
        try {
            return closed;
        } finally {
            lock.unlock();
        }
    }

    /** Stops dispatching and fails every queued text. */
    void close() {
        List<Job> jobs = new ArrayList<>();
        lock.lock();
        try {
            closed = true;
            for (List<Pending> level : levels) {
                level.forEach(p -> jobs.add(p.job));
                level.clear();
            }
            queued = 0;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        RetriableEngineException e = new RetriableEngineException("encoder pool " + pool + " closed before the text ran");
        jobs.forEach(j -> j.future.completeExceptionally(e));
    }

    /** Queued texts, live members, and live members per bin. */
    EncoderPool.Stats stats() {
        lock.lock();
        try {
            int live = 0;
            Integer[] perBin = new Integer[levels.size()];
            Arrays.fill(perBin, 0);
            for (int m = 0; m < up.length; m++) {
                if (up[m]) {
                    live++;
                    perBin[memberBin[m]]++;
                }
            }
            return new EncoderPool.Stats(up.length, live, queued, List.of(perBin), batches, usefulTokens, paddedTokens);
        } finally {
            lock.unlock();
        }
    }

    private int route(int tokens) {
        if (bins == null) {
            return 0;
        }
        int k = bins.count();
        return routing.choose(bins.binOf(tokens), k, b -> {
            int members = 0;
            int outstanding = levels.get(b).size();
            for (int m = 0; m < up.length; m++) {
                if (up[m] && memberBin[m] == b) {
                    members++;
                    outstanding += inFlight[m];
                }
            }
            return members == 0 ? Double.NaN : outstanding / (members * Math.max(1.0, tokenBudget / bins.upper(b)));
        });
    }

    private int eligibleLevel(int m) {
        if (!up[m]) {
            return -1;
        }
        for (int b = memberBin[m]; b >= 0; b--) {
            if (!levels.get(b).isEmpty()) {
                return b;
            }
        }
        return -1;
    }

    private int busyOn(int level) {
        int busy = 0;
        for (int m = 0; m < up.length; m++) {
            if (inFlight[m] > 0 && (bins == null || memberBin[m] == level)) {
                busy++;
            }
        }
        return busy;
    }

    private void maybeReallocate(long now) {
        if (bins == null || now - windowStart < periodNanos) {
            return;
        }
        double seconds = (now - windowStart) / 1e9;
        long total = Arrays.stream(arrivals).sum();
        if (total > 0) {
            List<Allocator.BinLoad> loads = new ArrayList<>(arrivals.length);
            for (int b = 0; b < arrivals.length; b++) {
                loads.add(new Allocator.BinLoad(arrivals[b] / seconds, cost.latencyNanos(1, bins.upper(b)) / 1e9));
            }
            lastLoads = loads;
            reallocate(loads);
        }
        Arrays.fill(arrivals, 0);
        windowStart = now;
    }

    /** Splits the live members over bins for {@code loads} (all on the longest bin if none yet). */
    private void reallocate(@Nullable List<Allocator.BinLoad> loads) {
        if (bins == null) {
            return;
        }
        int k = bins.count();
        List<Integer> live = new ArrayList<>();
        for (int m = 0; m < up.length; m++) {
            if (up[m]) {
                live.add(m);
            }
        }
        if (live.isEmpty()) {
            return;
        }
        int[] want = new int[k];
        if (loads == null) {
            want[k - 1] = live.size();
        } else {
            List<Integer> split = Allocator.allocate(live.size(), loads).workersPerBin();
            for (int b = 0; b < k; b++) {
                want[b] = split.get(b);
            }
        }
        int[] have = new int[k];
        live.forEach(m -> have[memberBin[m]]++);
        for (int m : live) {
            if (have[memberBin[m]] <= want[memberBin[m]]) {
                continue;
            }
            for (int b = k - 1; b >= 0; b--) {
                if (have[b] < want[b]) {
                    have[memberBin[m]]--;
                    have[b]++;
                    memberBin[m] = b;
                    break;
                }
            }
        }
        // Texts on a bin left without members move to the next longer bin that has some.
        for (int b = 0; b < k - 1; b++) {
            if (have[b] == 0 && !levels.get(b).isEmpty()) {
                int target = b + 1;
                while (target < k - 1 && have[target] == 0) {
                    target++;
                }
                List<Pending> moved = levels.get(b);
                levels.get(target).addAll(moved);
                levels.get(target).sort(BY_SEQ);
                moved.clear();
            }
        }
    }

    private static void insertBySeq(List<Pending> level, Pending p) {
        int at = 0;
        while (at < level.size() && level.get(at).seq < p.seq) {
            at++;
        }
        level.add(at, p);
    }

    private static List<Integer> head(int count) {
        List<Integer> indices = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            indices.add(i);
        }
        return indices;
    }

    private List<Pending> take(List<Pending> level, List<Integer> indices) {
        int n = Math.min(indices.size(), maxBatch);
        List<Pending> batch = new ArrayList<>(n);
        boolean[] taken = new boolean[level.size()];
        for (int i = 0; i < n; i++) {
            int index = indices.get(i);
            if (index >= level.size() || taken[index]) {
                throw new IllegalStateException(String.format("policy selected index %s of %s queued texts",
                        index, level.size()));
            }
            taken[index] = true;
            batch.add(level.get(index));
        }
        int kept = 0;
        for (int i = 0; i < level.size(); i++) {
            if (!taken[i]) {
                level.set(kept++, level.get(i));
            }
        }
        level.subList(kept, level.size()).clear();
        return batch;
    }

    /** A level as a policy sees it: single-text entries in arrival order. */
    private record LevelView(List<Pending> level, int inFlight) implements QueueView {
        @Override
        public int size() {
            return level.size();
        }

        @Override
        public Entry entry(int i) {
            Pending p = level.get(i);
            return new Entry(p.enqueuedNanos, p.tokens, 1);
        }
    }
}
