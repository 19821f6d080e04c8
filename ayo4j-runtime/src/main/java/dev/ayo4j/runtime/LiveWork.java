// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.runtime;

import dev.ayo4j.primitive.Primitive;
import dev.ayo4j.spi.Generation;
import dev.ayo4j.spi.Task;
import dev.ayo4j.spi.TaskId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The work a query run sets going outside itself: its deadline, its tasks submitted to the engines'
 * schedulers, the generations its engines returned and its user steps, each on a thread of its own. When the query
 * ends it stops them: on success only the deadline; on failure everything, and a generation that arrives
 * after the end is cancelled as it arrives. Confined to the run's event loop, like the run.
 */
final class LiveWork {
    private final String queryId;
    private final GraphPlan plan;
    private final Map<String, EngineScheduler> schedulers;
    private final Map<String, StepFunction> steps;
    private final List<Generation> generations = new ArrayList<>(2);
    /** Threads of user steps still running: interrupted when the query ends first. */
    private final List<Thread> stepThreads = new ArrayList<>(1);
    private volatile DeadlineTimer.@Nullable Handle deadline;
    private boolean ended;

    LiveWork(String queryId, GraphPlan plan, Map<String, EngineScheduler> schedulers,
             Map<String, StepFunction> steps) {
        this.queryId = queryId;
        this.plan = plan;
        this.schedulers = schedulers;
        this.steps = steps;
    }

    /** The query's deadline, armed; cancelled when the query ends. */
    void deadline(DeadlineTimer.Handle handle) {
        deadline = handle;
    }

    /** A generation an engine handed the run; cancelled at once if the run has ended. */
    void generation(Generation g) {
        if (!generations.contains(g)) {
            generations.add(g);
            if (ended) {
                g.cancel();
            }
        }
    }

    /** Starts {@code thread} (a user step's), to be interrupted if the query ends before it does. */
    void start(Thread thread) {
        stepThreads.add(thread);
        thread.start();
    }

    /**
     * Starts user step {@code s} on {@code task}, on a virtual thread of its own (see
     * {@link LocalOperators#step}), which hands its checked outcome to {@code onDone}.
     *
     * @throws IllegalStateException if the run has no function for the step (the runtime checks before a run)
     */
    void step(Primitive.Step s, Task task, LocalOperators.StepDone onDone) {
        StepFunction function = steps.get(s.name());
        if (function == null) {
            throw new IllegalStateException("step '" + s.name() + "' was checked before the run");
        }
        start(LocalOperators.step(s, function, task, onDone));
    }

    /** User step {@code thread} is done. */
    void stepDone(Thread thread) {
        stepThreads.remove(thread);
    }

    /**
     * Submits engine node {@code i}'s {@code task} to its engine's scheduler, with the node's remaining
     * critical path and token estimate from the plan, for a query that started at {@code queryStartNanos}.
     */
    void submit(int i, Task task, long queryStartNanos, EngineScheduler.OnStart onStart,
                Consumer<EngineScheduler.Completion> onDone) {
        schedulers.get(plan.engineOf[i]).submit(task, plan.remainingMs[i], queryStartNanos, plan.tokens[i],
                NodeInputs.items(task), onStart, onDone);
    }

    /** Takes warm-up {@code j} back from its engine's queue; false if the engine has it already. */
    boolean withdraw(int j) {
        return schedulers.get(plan.engineOf[j]).withdraw(new TaskId(queryId, plan.nodes[j].id().value()));
    }

    /** The query succeeded: nothing of it is left but the deadline. */
    void succeeded() {
        ended = true;
        cancelDeadline();
    }

    /** The query failed: withdraws its queued tasks, cancels its generations, interrupts its steps. */
    void failed() {
        ended = true;
        cancelDeadline();
        for (String engine : plan.engines) {
            schedulers.get(engine).cancel(queryId);
        }
        for (Generation g : generations) {
            g.cancel();
        }
        stepThreads.forEach(Thread::interrupt);
    }

    private void cancelDeadline() {
        DeadlineTimer.Handle h = deadline;
        if (h != null) {
            h.cancel();
        }
    }
}
