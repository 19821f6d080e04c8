// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.spi;

import dev.ayo4j.EngineException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.function.Function;

/**
 * Runs the tasks of a batch concurrently, one thread each, for engines whose tasks are independent
 * requests (an LLM serves each prompt as its own request and batches them itself).
 */
public final class BatchFanout {
    private BatchFanout() {}

    /**
     * Results of {@code run} for every task of {@code batch}, in task order. A batch of one runs on the
     * calling thread; larger ones on threads from {@code threads} (platform threads where {@code run}
     * blocks in native code, which would pin a virtual thread's carrier). {@code run} must not throw:
     * it reports a failed task as a {@link TaskResult.Failure}.
     *
     * @throws EngineException when the calling thread is interrupted while waiting
     */
    public static List<TaskResult> runEach(Batch batch, ThreadFactory threads, Function<Task, TaskResult> run) {
        if (batch.size() == 1) {
            return List.of(run.apply(batch.tasks().getFirst()));
        }
        try (ExecutorService exec = Executors.newThreadPerTaskExecutor(threads)) {
            List<Future<TaskResult>> futures = new ArrayList<>(batch.size());
            for (Task t : batch.tasks()) {
                futures.add(exec.submit(() -> run.apply(t)));
            }
            List<TaskResult> results = new ArrayList<>(batch.size());
            for (Future<TaskResult> f : futures) {
                results.add(f.get());
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineException("interrupted while executing batch " + batch.id(), e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a task's run must not throw", e.getCause());
        }
    }
}
