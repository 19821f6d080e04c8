// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.bench.sim;

import dev.ayo4j.Checks;
import dev.ayo4j.encoders.CostModel;
import dev.ayo4j.spi.BatchDecision;
import dev.ayo4j.spi.BatchPolicy;
import dev.ayo4j.spi.QueueView;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.PriorityQueue;

/**
 * Discrete-event simulator of one encoder pool: {@code workers} workers (ONNX sessions) share one arrival-
 * ordered queue, and whenever a worker is free the unmodified {@link BatchPolicy} decides on a
 * {@link QueueView} of it at the virtual time of a {@link VirtualTicker}, exactly as {@code EngineScheduler}
 * asks it with {@code maxConcurrency = workers}. A batch occupies its worker for
 * {@link CostModel#latencyNanos} of its rows and padded length. Deterministic: the same trace, policy and
 * profile give the same figures.
 */
public final class SchedulerSimulator {
    private final CostModel cost;
    private final int workers;
    private final int maxBatch;

    /**
     * A pool of {@code workers} workers costed by {@code cost}; a batch is cut at {@code maxBatch} tasks, the
     * engine's limit (as the scheduler does).
     */
    public SchedulerSimulator(CostModel cost, int workers, int maxBatch) {
        this.cost = Objects.requireNonNull(cost, "cost");
        Checks.argument(workers > 0, "workers must be > 0: %s", workers);
        Checks.argument(maxBatch > 0, "maxBatch must be > 0: %s", maxBatch);
        this.workers = workers;
        this.maxBatch = maxBatch;
    }

    /** Replays {@code trace} (in arrival order) against {@code policy}; {@code name} labels the result. */
    public SimResult run(String name, BatchPolicy policy, List<Request> trace) {
        List<Request> queue = new ArrayList<>();
        PriorityQueue<Long> busyUntil = new PriorityQueue<>();
        QueueView view = new View(queue, busyUntil);
        VirtualTicker ticker = new VirtualTicker();
        long[] latencies = new long[trace.size()];
        int served = 0;
        long batches = 0;
        long useful = 0;
        long padded = 0;
        long lastDone = 0;
        long wake = Long.MAX_VALUE;
        int next = 0;
        while (next < trace.size() || !queue.isEmpty()) {
            long t = Math.min(wake, Math.min(next < trace.size() ? trace.get(next).arrivalNanos() : Long.MAX_VALUE,
                    busyUntil.isEmpty() ? Long.MAX_VALUE : busyUntil.peek()));
            Checks.state(t != Long.MAX_VALUE, "policy %s idles with %s queued on an idle pool", name, queue.size());
            ticker.set(Math.max(t, ticker.read()));
            long now = ticker.read();
            while (!busyUntil.isEmpty() && busyUntil.peek() <= now) {
                busyUntil.poll();
            }
            while (next < trace.size() && trace.get(next).arrivalNanos() <= now) {
                queue.add(trace.get(next++));
            }
            wake = Long.MAX_VALUE;
            while (busyUntil.size() < workers && !queue.isEmpty()) {
                List<Request> batch = switch (policy.decide(view, now)) {
                    case BatchDecision.Dispatch(int count) -> takeHead(queue, count);
                    case BatchDecision.DispatchSelected(List<Integer> indices) -> takeSelected(queue, indices);
                    case BatchDecision.WaitUntil(long deadline) when deadline > now -> {
                        wake = deadline;
                        yield List.of();
                    }
                    case BatchDecision.WaitUntil _ -> takeHead(queue, maxBatch);
                };
                if (batch.isEmpty()) {
                    break;
                }
                int longest = 0;
                for (Request r : batch) {
                    longest = Math.max(longest, r.tokens());
                    useful += r.tokens();
                }
                long done = now + cost.latencyNanos(batch.size(), longest);
                for (Request r : batch) {
                    latencies[served++] = done - r.arrivalNanos();
                }
                padded += (long) batch.size() * longest;
                batches++;
                busyUntil.add(done);
                lastDone = Math.max(lastDone, done);
            }
        }
        long first = trace.isEmpty() ? 0 : trace.getFirst().arrivalNanos();
        return SimResult.of(name, latencies, batches, first, lastDone, useful, padded);
    }

    private List<Request> takeHead(List<Request> queue, int count) {
        List<Request> head = queue.subList(0, Math.min(Math.min(count, maxBatch), queue.size()));
        List<Request> batch = new ArrayList<>(head);
        head.clear();
        return batch;
    }

    private List<Request> takeSelected(List<Request> queue, List<Integer> indices) {
        int n = Math.min(indices.size(), maxBatch);
        List<Request> batch = new ArrayList<>(n);
        boolean[] take = new boolean[queue.size()];
        for (int i = 0; i < n; i++) {
            int index = indices.get(i);
            Checks.state(index < queue.size(), "policy selected index %s of %s queued", index, queue.size());
            batch.add(queue.get(index));
            take[index] = true;
        }
        int kept = 0;
        for (int i = 0; i < queue.size(); i++) {
            if (!take[i]) {
                queue.set(kept++, queue.get(i));
            }
        }
        queue.subList(kept, queue.size()).clear();
        return batch;
    }

    /** The queue as a policy sees it: one single-text task per request, in arrival order. */
    private record View(List<Request> queue, PriorityQueue<Long> busy) implements QueueView {

        @Override
        public int size() {
            return queue.size();
        }

        @Override
        public Entry entry(int i) {
            Request r = queue.get(i);
            return new Entry(r.arrivalNanos(), r.tokens(), 1);
        }

        @Override
        public int inFlight() {
            return busy.size();
        }
    }
}
