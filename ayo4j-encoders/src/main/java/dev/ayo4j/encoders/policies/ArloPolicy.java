// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.encoders.policies;

import dev.ayo4j.Checks;
import dev.ayo4j.encoders.ArloRouting;
import dev.ayo4j.encoders.ForwardPassLatency;
import dev.ayo4j.encoders.LengthBins;
import dev.ayo4j.runtime.policies.Queued;
import dev.ayo4j.runtime.policies.QueuedBatchPolicy;
import dev.ayo4j.spi.BatchDecision;
import dev.ayo4j.spi.QueueView;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Arlo's length bins as a single-engine batch policy (Arlo §4, mapped to one queue as its §7 suggests).
 *
 * <ol>
 *   <li><b>Levels.</b> The first {@code scanLimit} queued tasks are placed, in queue order, on one level per
 *       length bin: each goes to its tightest bin unless that level's congestion (rows queued on it / the
 *       rows one batch of the bin carries, {@code tokenBudget / bound}) reaches λ, then to the next longer
 *       level with λ·α, at most L levels ({@link ArloRouting}); a demoted short text rides in a longer
 *       bin's batch instead of waiting behind a full one.</li>
 *   <li><b>Dispatch.</b> The head of the queue is never demoted (its level is empty when it is placed), so its
 *       tightest bin is dispatched: the oldest work goes first and nothing starves.</li>
 *   <li><b>Batch.</b> Inside that level, texts sorted by length are gathered around the head, nearest length
 *       first, padded only to the batch's longest member, while rows × longest stays within
 *       {@code tokenBudget}, tasks within {@code maxBatch}, and, with {@code costGate}, while running a text
 *       in the batch costs no more than running it alone under {@code cost} (on a CPU, where every padded
 *       token costs, this keeps batches nearly uniform in length).</li>
 * </ol>
 */
record ArloPolicy(LengthBins bins, int tokenBudget, int maxBatch, long maxWaitNanos, ArloRouting routing,
                  int scanLimit, ForwardPassLatency cost, boolean costGate) implements QueuedBatchPolicy {
    ArloPolicy {
        Objects.requireNonNull(bins, "bins");
        Objects.requireNonNull(routing, "routing");
        Objects.requireNonNull(cost, "cost");
        Checks.argument(tokenBudget > 0, "tokenBudget must be > 0: %s", tokenBudget);
        Queued.checkBatchAndWait(maxBatch, maxWaitNanos);
        Checks.argument(scanLimit > 0, "scanLimit must be > 0: %s", scanLimit);
    }

    /** Level of each of the first {@code n} queued tasks. */
    int[] levels(QueueView queue, int n) {
        int k = bins.count();
        double[] load = new double[k];
        int[] level = new int[n];
        for (int i = 0; i < n; i++) {
            QueueView.Entry e = queue.entry(i);
            int chosen = routing.choose(bins.binOf(Queued.length(e)), k, b -> load[b] / capacity(b));
            load[chosen] += Queued.rows(e);
            level[i] = chosen;
        }
        return level;
    }

    /** Rows one batch of {@code bin} carries at its bound. */
    private double capacity(int bin) {
        return Math.max(1, tokenBudget / bins.upper(bin));
    }

    @Override
    public BatchDecision decideQueued(QueueView queue, int size, long nowNanos) {
        int n = Math.min(size, scanLimit);
        int[] level = levels(queue, n);
        List<Integer> members = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (level[i] == level[0]) {
                members.add(i);
            }
        }
        members.sort(Comparator.<Integer>comparingInt(i -> Queued.length(queue.entry(i))).thenComparingInt(i -> i));
        int head = members.indexOf(0);
        int headLength = Queued.length(queue.entry(0));
        int lo = head;
        int hi = head;
        long rows = Queued.rows(queue.entry(0));
        int longest = headLength;
        boolean full = false;
        while (lo > 0 || hi < members.size() - 1) {
            if (hi - lo + 1 == maxBatch) {
                full = true;
                break;
            }
            int left = lo > 0 ? members.get(lo - 1) : -1;
            int right = hi < members.size() - 1 ? members.get(hi + 1) : -1;
            boolean leftFirst = right < 0 || (left >= 0
                    && headLength - Queued.length(queue.entry(left)) <= Queued.length(queue.entry(right)) - headLength);
            int first = leftFirst ? left : right;
            int second = leftFirst ? right : left;
            int taken = fits(queue, first, rows, longest) ? first : (second >= 0 && fits(queue, second, rows, longest)
                    ? second : -1);
            if (taken < 0) {
                full = true;
                break;
            }
            rows += Queued.rows(queue.entry(taken));
            longest = Math.max(longest, Queued.length(queue.entry(taken)));
            if (taken == left) {
                lo--;
            } else {
                hi++;
            }
        }
        BatchDecision go = new BatchDecision.DispatchSelected(List.copyOf(members.subList(lo, hi + 1)));
        return full ? go : Queued.goOrWait(queue, n, nowNanos, maxWaitNanos, go);
    }

    /** Whether the task at {@code index} may join a batch of {@code rows} rows padded to {@code longest}. */
    private boolean fits(QueueView queue, int index, long rows, int longest) {
        QueueView.Entry e = queue.entry(index);
        int r = Queued.rows(e);
        int len = Queued.length(e);
        int newLongest = Math.max(longest, len);
        long newRows = rows + r;
        if (newRows * newLongest > tokenBudget) {
            return false;
        }
        if (!costGate) {
            return true;
        }
        long together = cost.latencyNanos((int) newRows, newLongest);
        long apart = cost.latencyNanos((int) rows, longest) + cost.latencyNanos(r, len);
        return together <= apart;
    }
}
