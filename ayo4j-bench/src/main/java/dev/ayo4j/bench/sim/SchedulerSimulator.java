// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.bench.sim;

import dev.ayo4j.Checks;
import dev.ayo4j.encoders.ForwardPassLatency;
import dev.ayo4j.runtime.dispatch.DispatchCore;
import dev.ayo4j.runtime.dispatch.VirtualTime;
import dev.ayo4j.spi.BatchPolicy;
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
        List<VirtualTime.Ran<Request>> ran = VirtualTime.replay(DispatchCore.Config.shared(name, workers, maxBatch,
                policy), Request.arrivals(trace), batch -> cost.latencyNanos(batch.size(), longest(batch)));
        return SimResult.of(name, trace, ran, run -> (long) run.items().size() * longest(run.items()));
    }

    private static int longest(List<Request> batch) {
        int longest = 0;
        for (Request r : batch) {
            longest = Math.max(longest, r.tokens());
        }
        return longest;
    }
}
