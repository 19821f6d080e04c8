// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.runtime.dispatch;

import dev.ayo4j.Checks;
import dev.ayo4j.spi.BatchDecision;
import dev.ayo4j.spi.BatchPolicy;
import dev.ayo4j.spi.QueueView;
import dev.ayo4j.spi.Ticker;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * Dispatch core: the one job of deciding which queued work runs where and when, for every scheduler of
 * ayo4j (an engine's scheduler, an encoder pool, the simulators), as a single-threaded state machine.
 *
 * <p>It holds one queue per {@link Levels level}, ordered by priority (larger first), then by the group's
 * start (older first), then by arrival; and the state of {@code members} workers (the level each serves,
 * busy or free, up or down with its back-off). Events change that state: {@link #submit}, {@link #complete},
 * {@link #fail}, {@link #cancel}, {@link #withdraw}, {@link #probed}, {@link #generationEnded} and
 * {@link #close}. {@link #tick()} then decides: for each free live member, in index order, it asks the
 * {@link BatchPolicy} over a {@link QueueView} of the level the member serves, and returns the
 * {@link Action actions} to perform. Time comes only from the injected {@link Ticker}, so the same events
 * in virtual time give the same actions as live. A policy that throws, or that selects an index past the
 * queue, has the head of the queue dispatched instead.
 *
 * <p>Not thread-safe: a shell calls it from one thread at a time (under its lock) and performs the actions.
 * It is over 300 lines because it is the whole decision state of four schedulers: queues, members,
 * re-allocation over levels and re-dispatch after a member's failure.
 *
 * @param <T> the shell's queued item
 */
public final class DispatchCore<T> {
    private static final System.Logger LOG = System.getLogger(DispatchCore.class.getName());

    /**
     * How a core dispatches.
     *
     * @param name            label for logs
     * @param members         workers that each run one batch at a time (an engine's concurrency)
     * @param maxBatch        most items per batch, whatever the policy asks
     * @param policy          decides each batch inside a level
     * @param levels          the levels and the split of members over them
     * @param maxAttempts     runs an item gets when members fail under it (1: never re-dispatched)
     * @param backoffNanos    first back-off of a failed member before it is probed
     * @param maxBackoffNanos longest back-off it doubles up to, per failure and failed probe
     */
    public record Config(String name, int members, int maxBatch, BatchPolicy policy, Levels levels, int maxAttempts,
                         long backoffNanos, long maxBackoffNanos) {
        public Config {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(policy, "policy");
            Objects.requireNonNull(levels, "levels");
            Checks.argument(members > 0, "members must be > 0: %s", members);
            Checks.argument(maxBatch > 0, "maxBatch must be > 0: %s", maxBatch);
            Checks.argument(maxAttempts > 0, "maxAttempts must be > 0: %s", maxAttempts);
            Checks.argument(backoffNanos > 0 && maxBackoffNanos > 0, "back-offs must be > 0: %s, %s ns", backoffNanos,
                    maxBackoffNanos);
        }

        /** One level, {@code members} interchangeable workers that never fail over: an engine's scheduler. */
        public static Config shared(String name, int members, int maxBatch, BatchPolicy policy) {
            return new Config(name, members, maxBatch, policy, Levels.single(), 1, 1, 1);
        }
    }

    /**
     * Counters since the core started.
     *
     * @param queued          items waiting
     * @param live            members up
     * @param membersPerLevel live members per level
     * @param batches         batches dispatched
     * @param usefulTokens    tokens of the items dispatched
     * @param paddedTokens    tokens computed: rows times the longest item, summed over batches
     * @param reallocations   re-allocations (periodic, or after a member went down or came back) that moved at
     *                        least one member to another level; the starting split is none
     * @param memberMoves     members moved to another level by them
     */
    public record Stats(int queued, int live, List<Integer> membersPerLevel, long batches, long usefulTokens,
                        long paddedTokens, long reallocations, long memberMoves) {}

    /**
     * A queued item with its ordering keys (copied out of the work, since every queue insertion and removal
     * compares them several times) and the entry a policy sees.
     */
    private static final class Queued<T> {
        final Work<T> work;
        final double negatedPriority;
        final long groupStartNanos;
        final long seq;
        final QueueView.Entry entry;
        int attempts;

        Queued(Work<T> work, long seq, long enqueueNanos) {
            this.work = work;
            this.negatedPriority = -work.priority();
            this.groupStartNanos = work.groupStartNanos();
            this.seq = seq;
            this.entry = new QueueView.Entry(enqueueNanos, work.tokens(), work.items(), work.warmUp());
        }
    }

    /** Larger priority first, then older group, then arrival. */
    private static final Comparator<Queued<?>> ORDER = (a, b) -> {
        int c = Double.compare(a.negatedPriority, b.negatedPriority);
        if (c != 0) {
            return c;
        }
        c = Long.compare(a.groupStartNanos, b.groupStartNanos);
        return c != 0 ? c : Long.compare(a.seq, b.seq);
    };

    private record InFlight<T>(int member, List<Queued<T>> batch) {}

    private final Config config;
    private final Ticker ticker;
    private final Levels levels;
    private final List<TreeSet<Queued<T>>> queues = new ArrayList<>();
    /** Queued items by group, in queueing order; a group holds few at once, so a list beats a linked set. */
    private final Map<Object, List<Queued<T>>> byGroup = new HashMap<>();
    private final Map<Long, InFlight<T>> running = new HashMap<>();
    private final int[] memberLevel;
    private final boolean[] up;
    private final boolean[] probing;
    private final int[] busyItems;
    private final long[] downUntil;
    private final long[] backoff;
    private final long[] arrivals;
    /** When a moved member may serve its new level, and whether it moved while busy (see Levels#switchNanos). */
    private final long[] readyAt;
    private final boolean[] switchAfterBatch;
    private final View view = new View();
    private final Loads loads = new Loads();
    private double @Nullable [] lastRates;
    private long windowStart;
    private long seq;
    private long batchIds;
    private int queued;
    private int busy;
    private int down;
    private int streaming;
    private long batches;
    private long usefulTokens;
    private long paddedTokens;
    private long reallocations;
    private long memberMoves;
    private boolean closed;

    /** A core for {@code config} on {@code ticker}. */
    public DispatchCore(Config config, Ticker ticker) {
        this.config = Objects.requireNonNull(config, "config");
        this.ticker = Objects.requireNonNull(ticker, "ticker");
        this.levels = config.levels();
        int k = levels.count();
        Checks.argument(k >= 1 && k <= 64, "levels must be 1 to 64: %s", k);
        for (int b = 0; b < k; b++) {
            queues.add(new TreeSet<>(ORDER));
        }
        int n = config.members();
        memberLevel = new int[n];
        Arrays.fill(memberLevel, k - 1); // until the first allocation every member serves every length
        up = new boolean[n];
        Arrays.fill(up, true);
        probing = new boolean[n];
        busyItems = new int[n];
        downUntil = new long[n];
        backoff = new long[n];
        Arrays.fill(backoff, config.backoffNanos());
        arrivals = new long[k];
        readyAt = new long[n];
        switchAfterBatch = new boolean[n];
        windowStart = ticker.read();
        reallocate(null, false); // the starting split, nothing to switch from
    }

    /** Queues {@code work} in order; false (nothing queued) once the core is closed. */
    public boolean submit(List<Work<T>> work) {
        if (closed) {
            return false;
        }
        long now = ticker.read();
        maybeReallocate(now);
        for (Work<T> w : work) {
            add(w, now);
        }
        return true;
    }

    /** Queues one piece of work; see {@link #submit(List)}. */
    public boolean submit(Work<T> work) {
        if (closed) {
            return false;
        }
        long now = ticker.read();
        maybeReallocate(now);
        add(work, now);
        return true;
    }

    private void add(Work<T> w, long now) {
        Queued<T> q = new Queued<>(w, seq++, now);
        if (levels.count() > 1) {
            arrivals[levels.binOf(w.tokens())]++;
        }
        queues.get(levels.route(w.tokens(), loads)).add(q);
        byGroup.computeIfAbsent(w.group(), _ -> new ArrayList<>(2)).add(q);
        queued++;
    }

    /**
     * Batch {@code batchId} finished; {@code generations} of its items go on producing tokens on the engine
     * (see {@link QueueView#streaming()}) until {@link #generationEnded}. Returns its items in batch order.
     */
    public List<T> complete(long batchId, int generations) {
        InFlight<T> f = release(batchId);
        backoff[f.member()] = config.backoffNanos();
        streaming += generations;
        return items(f.batch());
    }

    /** A generation started by a finished batch ended. */
    public void generationEnded() {
        streaming--;
    }

    /**
     * Batch {@code batchId} failed. If the member is at fault it goes down (probed after a back-off that
     * doubles up to the maximum) and the batch's items are queued again in arrival order, except those that
     * used their attempts; otherwise, or once the core is closed, none is retried. Returns the items given up,
     * for the shell to fail.
     */
    public List<T> fail(long batchId, boolean memberAtFault) {
        InFlight<T> f = release(batchId);
        if (!memberAtFault || closed) {
            return items(f.batch());
        }
        int m = f.member();
        up[m] = false;
        down++;
        downUntil[m] = ticker.read() + backoff[m];
        backoff[m] = Math.min(config.maxBackoffNanos(), backoff[m] * 2);
        reallocate(lastRates, true);
        List<T> givenUp = new ArrayList<>();
        for (Queued<T> q : f.batch()) {
            if (++q.attempts >= config.maxAttempts()) {
                givenUp.add(q.work.item());
            } else {
                queues.get(levels.route(q.work.tokens(), loads)).add(q);
                byGroup.computeIfAbsent(q.work.group(), _ -> new ArrayList<>(2)).add(q);
                queued++;
            }
        }
        return givenUp;
    }

    /** The answer of a {@link Action.Probe} of {@code member}: it comes back, or stays down for a longer back-off. */
    public void probed(int member, boolean healthy) {
        probing[member] = false;
        if (healthy) {
            up[member] = true;
            down--;
            reallocate(lastRates, true);
        } else {
            downUntil[member] = ticker.read() + backoff[member];
            backoff[member] = Math.min(config.maxBackoffNanos(), backoff[member] * 2);
        }
    }

    /** Withdraws every queued item of {@code group} (items in flight run on); returns them. */
    public List<T> cancel(Object group) {
        List<Queued<T>> mine = byGroup.remove(group);
        if (mine == null) {
            return List.of();
        }
        for (Queued<T> q : mine) {
            remove(q);
        }
        return items(mine);
    }

    /** Withdraws the first queued item of {@code group} that {@code which} accepts; false if none is queued. */
    public boolean withdraw(Object group, Predicate<T> which) {
        List<Queued<T>> mine = byGroup.get(group);
        if (mine == null) {
            return false;
        }
        for (Queued<T> q : mine) {
            if (which.test(q.work.item())) {
                remove(q);
                forget(q);
                return true;
            }
        }
        return false;
    }

    /** Stops dispatching; returns every queued item, for the shell to fail. Idempotent. */
    public List<T> close() {
        closed = true;
        List<T> left = new ArrayList<>(queued);
        for (TreeSet<Queued<T>> queue : queues) {
            queue.forEach(q -> left.add(q.work.item()));
            queue.clear();
        }
        byGroup.clear();
        queued = 0;
        return left;
    }

    /** Whether {@link #close} was called. */
    public boolean closed() {
        return closed;
    }

    /** Items queued. */
    public int queued() {
        return queued;
    }

    /** Items queued of {@code group}. */
    public int queued(Object group) {
        List<Queued<T>> mine = byGroup.get(group);
        return mine == null ? 0 : mine.size();
    }

    /** Batches in flight. */
    public int inFlight() {
        return busy;
    }

    /** Items in the batches in flight. */
    public int inFlightItems() {
        int n = 0;
        for (int items : busyItems) {
            n += items;
        }
        return n;
    }

    /** Queued items, live members and dispatch counters now. */
    public Stats stats() {
        int live = 0;
        Integer[] perLevel = new Integer[levels.count()];
        Arrays.fill(perLevel, 0);
        for (int m = 0; m < up.length; m++) {
            if (up[m]) {
                live++;
                perLevel[memberLevel[m]]++;
            }
        }
        return new Stats(queued, live, List.of(perLevel), batches, usefulTokens, paddedTokens, reallocations,
                memberMoves);
    }

    /**
     * Decides now: probes for down members that are due, then a batch for each free live member while its
     * level's policy dispatches; ends with the {@link Action.WaitUntil} for the next tick. Nothing once closed.
     */
    public List<Action<T>> tick() {
        if (closed) {
            return List.of(new Action.WaitUntil<>(Long.MAX_VALUE));
        }
        long now = ticker.read();
        List<Action<T>> actions = new ArrayList<>(2);
        long wake = Long.MAX_VALUE;
        if (down > 0) {
            for (int m = 0; m < up.length; m++) {
                if (!up[m] && !probing[m]) {
                    if (downUntil[m] <= now) {
                        probing[m] = true;
                        actions.add(new Action.Probe<>(m));
                    } else {
                        wake = Math.min(wake, downUntil[m]);
                    }
                }
            }
        }
        long waiting = 0; // levels whose policy asked to wait, as bits
        for (int m = 0; m < up.length && busy < up.length && queued > 0; m++) {
            if (!up[m] || busyItems[m] > 0) {
                continue;
            }
            if (readyAt[m] > now) {
                wake = Math.min(wake, readyAt[m]);
                continue;
            }
            int level = eligibleLevel(m);
            if (level < 0 || (waiting & (1L << level)) != 0) {
                continue;
            }
            TreeSet<Queued<T>> queue = queues.get(level);
            view.reset(queue, busyOn(level));
            List<Queued<T>> batch = switch (decide(now)) {
                case BatchDecision.Dispatch(int count) -> head(queue, count);
                case BatchDecision.DispatchSelected(List<Integer> indices) -> selected(queue, indices);
                case BatchDecision.WaitUntil(long deadline) when deadline > now -> {
                    waiting |= 1L << level;
                    wake = Math.min(wake, deadline);
                    yield List.of();
                }
                // A deadline in the past would spin; the policy meant "now".
                case BatchDecision.WaitUntil _ -> head(queue, config.maxBatch());
            };
            if (!batch.isEmpty()) {
                actions.add(start(m, batch, now));
            } else if (levels.count() == 1) {
                break; // every free member would be told the same
            }
        }
        actions.add(new Action.WaitUntil<>(wake));
        return actions;
    }

    private BatchDecision decide(long now) {
        try {
            return config.policy().decide(view, now);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "batch policy of " + config.name()
                    + " failed; dispatching the head of the queue", e);
            return BatchDecision.dispatch(1);
        }
    }

    private Action<T> start(int m, List<Queued<T>> batch, long now) {
        int longest = 0;
        for (Queued<T> q : batch) {
            longest = Math.max(longest, q.work.tokens());
            usefulTokens += q.work.tokens();
            remove(q);
            forget(q);
        }
        paddedTokens += (long) longest * batch.size();
        batches++;
        busyItems[m] = batch.size();
        busy++;
        long id = ++batchIds;
        running.put(id, new InFlight<>(m, batch));
        return new Action.Run<>(id, m, memberLevel[m], items(batch), now);
    }

    private List<Queued<T>> head(TreeSet<Queued<T>> queue, int count) {
        int n = Math.min(Math.min(count, config.maxBatch()), queue.size());
        List<Queued<T>> batch = new ArrayList<>(n);
        Iterator<Queued<T>> it = queue.iterator();
        for (int i = 0; i < n; i++) {
            batch.add(it.next());
        }
        return batch;
    }

    /** The policy's chosen view positions, up to {@code maxBatch} in the order listed, read before the queue changes. */
    private List<Queued<T>> selected(TreeSet<Queued<T>> queue, List<Integer> indices) {
        int n = Math.min(indices.size(), config.maxBatch());
        for (int i = 0; i < n; i++) {
            if (indices.get(i) >= queue.size()) {
                LOG.log(System.Logger.Level.WARNING, "batch policy of " + config.name() + " selected queue index "
                        + indices.get(i) + " of " + queue.size() + " queued; dispatching the head of the queue");
                return head(queue, 1);
            }
        }
        List<Queued<T>> batch = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            batch.add(view.queued(indices.get(i)));
        }
        return batch;
    }

    private InFlight<T> release(long batchId) {
        InFlight<T> f = running.remove(batchId);
        Checks.state(f != null, "batch %s of %s is not in flight", batchId, config.name());
        int m = f.member();
        busyItems[m] = 0;
        busy--;
        if (switchAfterBatch[m]) {
            switchAfterBatch[m] = false;
            readyAt[m] = ticker.read() + levels.switchNanos();
        }
        return f;
    }

    private void remove(Queued<T> q) {
        for (TreeSet<Queued<T>> queue : queues) {
            if (queue.remove(q)) {
                queued--;
                return;
            }
        }
    }

    private void forget(Queued<T> q) {
        List<Queued<T>> mine = byGroup.get(q.work.group());
        if (mine != null && mine.remove(q) && mine.isEmpty()) {
            byGroup.remove(q.work.group());
        }
    }

    /** The items of {@code queued}, as the immutable list an {@link Action.Run} keeps without copying it again. */
    @SuppressWarnings("unchecked")
    private static <T> List<T> items(List<Queued<T>> queued) {
        Object[] out = new Object[queued.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = queued.get(i).work.item();
        }
        return (List<T>) List.of(out);
    }

    /** The highest level at or below member {@code m}'s that has work (its own only, if so told); -1 if none. */
    private int eligibleLevel(int m) {
        int lowest = levels.membersServeShorterLevels() ? 0 : memberLevel[m];
        for (int b = memberLevel[m]; b >= lowest; b--) {
            if (!queues.get(b).isEmpty()) {
                return b;
            }
        }
        return -1;
    }

    private int busyOn(int level) {
        if (levels.count() == 1) {
            return busy;
        }
        int n = 0;
        for (int m = 0; m < up.length; m++) {
            if (busyItems[m] > 0 && memberLevel[m] == level) {
                n++;
            }
        }
        return n;
    }

    private void maybeReallocate(long now) {
        if (levels.count() == 1 || now - windowStart < levels.periodNanos()) {
            return;
        }
        double seconds = (now - windowStart) / 1e9;
        long total = Arrays.stream(arrivals).sum();
        if (total > 0) {
            double[] rates = new double[arrivals.length];
            for (int b = 0; b < arrivals.length; b++) {
                rates[b] = arrivals[b] / seconds;
            }
            lastRates = rates;
            reallocate(rates, true);
        }
        Arrays.fill(arrivals, 0);
        windowStart = now;
    }

    /**
     * Splits the live members over levels, moving as few as it can (each move then costs the levels' switch
     * time when {@code switching}); stranded items move to a longer level.
     */
    private void reallocate(double @Nullable [] rates, boolean switching) {
        int k = levels.count();
        if (k == 1) {
            return;
        }
        List<Integer> live = new ArrayList<>();
        for (int m = 0; m < up.length; m++) {
            if (up[m]) {
                live.add(m);
            }
        }
        if (live.isEmpty()) {
            return;
        }
        int[] want = levels.split(live.size(), rates);
        int[] have = new int[k];
        live.forEach(m -> have[memberLevel[m]]++);
        int moved = 0;
        for (int m : live) {
            if (have[memberLevel[m]] <= want[memberLevel[m]]) {
                continue;
            }
            for (int b = k - 1; b >= 0; b--) {
                if (have[b] < want[b]) {
                    have[memberLevel[m]]--;
                    have[b]++;
                    memberLevel[m] = b;
                    moved++;
                    if (switching && levels.switchNanos() > 0) {
                        if (busyItems[m] > 0) {
                            switchAfterBatch[m] = true;
                        } else {
                            readyAt[m] = ticker.read() + levels.switchNanos();
                        }
                    }
                    break;
                }
            }
        }
        if (switching && moved > 0) {
            reallocations++;
            memberMoves += moved;
        }
        for (int b = 0; b < k - 1; b++) {
            if (have[b] == 0 && !queues.get(b).isEmpty()) {
                int target = b + 1;
                while (target < k - 1 && have[target] == 0) {
                    target++;
                }
                queues.get(target).addAll(queues.get(b));
                queues.get(b).clear();
            }
        }
    }

    /** Level loads for {@link Levels#route}. */
    private final class Loads implements Levels.Loads {
        @Override
        public int queued(int level) {
            return queues.get(level).size();
        }

        @Override
        public int members(int level) {
            int n = 0;
            for (int m = 0; m < up.length; m++) {
                if (up[m] && memberLevel[m] == level) {
                    n++;
                }
            }
            return n;
        }

        @Override
        public int inFlight(int level) {
            int n = 0;
            for (int m = 0; m < up.length; m++) {
                if (up[m] && memberLevel[m] == level) {
                    n += busyItems[m];
                }
            }
            return n;
        }
    }

    /**
     * A level's queue as a policy sees it; entries are read lazily from the head, so a policy that looks at
     * the first few entries costs that much.
     */
    private final class View implements QueueView {
        @SuppressWarnings("unchecked")
        private Queued<T>[] head = new Queued[16];
        private @Nullable TreeSet<Queued<T>> queue;
        private @Nullable Iterator<Queued<T>> it;
        private int filled;
        private int inFlight;

        void reset(TreeSet<Queued<T>> queue, int inFlight) {
            this.queue = queue;
            this.inFlight = inFlight;
            this.it = null;
            this.filled = 0;
        }

        @Override
        public int size() {
            return Objects.requireNonNull(queue).size();
        }

        @Override
        public Entry entry(int i) {
            return queued(i).entry;
        }

        Queued<T> queued(int i) {
            TreeSet<Queued<T>> q = Objects.requireNonNull(queue);
            Objects.checkIndex(i, q.size());
            if (it == null) {
                it = q.iterator();
            }
            while (filled <= i) {
                if (filled == head.length) {
                    head = Arrays.copyOf(head, head.length * 2);
                }
                head[filled++] = it.next();
            }
            return head[i];
        }

        @Override
        public int inFlight() {
            return inFlight;
        }

        @Override
        public int streaming() {
            return streaming;
        }
    }
}
