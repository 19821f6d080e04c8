// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.langchain4j.engine;

import dev.ayo4j.primitive.Primitive;
import dev.ayo4j.spi.AbstractEngine;
import dev.ayo4j.spi.Batch;
import dev.ayo4j.spi.Task;
import dev.ayo4j.spi.TaskResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * What every engine on a LangChain4j model or store shares: its name, the capabilities its {@link Limits}
 * give the primitives it runs, a task's failure named for it, and a {@link #close} that closes nothing,
 * because the model (or store) belongs to the caller, who configured it and closes what it holds.
 */
abstract class ModelEngine extends AbstractEngine {
    private final String kind;

    /** Engine {@code name}, a {@code kind} engine (as its {@link #toString} says) for the primitives {@code runs}. */
    ModelEngine(String name, String kind, Limits limits, Set<Class<? extends Primitive>> runs) {
        super(name, limits.capabilities(runs));
        this.kind = kind;
    }

    /** Task {@code t}'s failure from {@code cause}, retriable where LangChain4j says it is. */
    final TaskResult failure(Task t, Throwable cause) {
        return Failures.of(name(), t, cause);
    }

    /** Runs the tasks of {@code batch} one after the other; a task that throws fails alone. */
    final List<TaskResult> eachTask(Batch batch, Function<Task, TaskResult> run) {
        List<TaskResult> results = new ArrayList<>(batch.size());
        for (Task t : batch.tasks()) {
            try {
                results.add(run.apply(t));
            } catch (RuntimeException e) {
                results.add(failure(t, e));
            }
        }
        return results;
    }

    @Override
    public void close() {
        // The model belongs to the caller.
    }

    @Override
    public String toString() {
        return "LangChain4j " + kind + " engine " + name();
    }
}
