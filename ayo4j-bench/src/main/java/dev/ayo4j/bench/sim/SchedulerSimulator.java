// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.bench.sim;

import dev.ayo4j.Checks;
import dev.ayo4j.encoders.ForwardPassLatency;
import dev.ayo4j.runtime.dispatch.DispatchCore;
import dev.ayo4j.runtime.dispatch.VirtualTime;
import dev.ayo4j.runtime.dispatch.Work;
import dev.ayo4j.spi.BatchPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Discrete-event simulator of one encoder pool: {@code workers} workers (ONNX sessions) share one arrival-
 * ordered queue, dispatched by the same {@link DispatchCore} as {@code EngineScheduler} with
 * {@code maxConcurrency = workers}, driven in {@link VirtualTime}: whenever a worker is free the unmodified
 * {@link BatchPolicy} decides at virtual time. A batch occupies its worker for
 * {@link ForwardPassLatency#latencyNanos} of its rows and padded length. Deterministic: the same trace, policy and
 * profile give the same figures.
 */
public final class SchedulerSimulator {
    private final ForwardPassLatency cost;
    private final int workers;
    private final int maxBatch;

    /**
     * A pool of {@code workers} workers costed by {@code cost}; a batch is cut at {@code maxBatch} tasks, the
     * engine's limit (as the scheduler does).
     */
    public SchedulerSimulator(ForwardPassLatency cost, int workers, int maxBatch) {
        this.cost = Objects.requireNonNull(cost, "cost");
        Checks.argument(workers > 0, "workers must be > 0: %s", workers);
        Checks.argument(maxBatch > 0, "maxBatch must be > 0: %s", maxBatch);
        this.workers = workers;
        this.maxBatch = maxBatch;
    }

    /** Replays {@code trace} (in arrival order) against {@code policy}; {@code name} labels the result. */
    public SimResult run(String name, BatchPolicy policy, List<Request> trace) {
        List<VirtualTime.Arrival<Request>> arrivals = new ArrayList<>(trace.size());
        for (int i = 0; i < trace.size(); i++) {
            Request r = trace.get(i);
            arrivals.add(new VirtualTime.Arrival<>(r.arrivalNanos(), Work.inArrivalOrder(r, i, r.tokens())));
        }
        List<VirtualTime.Ran<Request>> ran = VirtualTime.replay(DispatchCore.Config.shared(name, workers, maxBatch,
                policy), arrivals, batch -> cost.latencyNanos(batch.size(), longest(batch)));
        long[] latencies = new long[trace.size()];
        int served = 0;
        long useful = 0;
        long padded = 0;
        long lastDone = 0;
        for (VirtualTime.Ran<Request> r : ran) {
            List<Request> batch = r.run().items();
            for (Request q : batch) {
                latencies[served++] = r.endNanos() - q.arrivalNanos();
                useful += q.tokens();
            }
            padded += (long) batch.size() * longest(batch);
            lastDone = Math.max(lastDone, r.endNanos());
        }
        long first = trace.isEmpty() ? 0 : trace.getFirst().arrivalNanos();
        return SimResult.of(name, latencies, ran.size(), first, lastDone, useful, padded);
    }

    private static int longest(List<Request> batch) {
        int longest = 0;
        for (Request r : batch) {
            longest = Math.max(longest, r.tokens());
        }
        return longest;
    }
}
