// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.spi;

import dev.ayo4j.EngineException;
import dev.ayo4j.NonRetriableEngineException;
import java.util.Objects;

/**
 * Base of an engine whose name and capabilities are fixed when it is made: it answers {@link #name()} and
 * {@link #capabilities()}, and words the failures every engine reports the same way (work sent after
 * {@link #close()}, a primitive it does not serve, a task that threw). What it runs, and how it closes,
 * are each engine's own.
 */
public abstract class AbstractEngine implements Engine {
    private final String name;
    private final EngineCapabilities capabilities;

    /** An engine called {@code name} with {@code capabilities}. */
    protected AbstractEngine(String name, EngineCapabilities capabilities) {
        this.name = Objects.requireNonNull(name, "name");
        this.capabilities = Objects.requireNonNull(capabilities, "capabilities");
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final EngineCapabilities capabilities() {
        return capabilities;
    }

    /** The error for work sent to this engine once it is closed: {@code engine NAME is closed}. */
    protected final NonRetriableEngineException closedError() {
        return new NonRetriableEngineException("engine " + name + " is closed");
    }

    /**
     * The error for {@code task}, whose primitive this engine does not run: {@code engine NAME serves
     * SERVES, not KIND (task ID)}, where {@code serves} says what it runs (e.g. {@code Embed}).
     */
    protected final NonRetriableEngineException notServed(Task task, String serves) {
        return new NonRetriableEngineException("engine " + name + " serves " + serves + ", not "
                + task.op().kindName() + " (task " + task.id() + ")");
    }

    /**
     * {@code task}'s failure from {@code e}, which running it threw: an {@link EngineException} as it is
     * (it says already whether a retry may help), anything else as a {@link NonRetriableEngineException}
     * naming the task, this engine and {@code e}'s message.
     */
    protected final TaskResult failed(Task task, RuntimeException e) {
        return TaskResult.failure(e instanceof EngineException ? e : new NonRetriableEngineException(
                String.format("task %s failed on engine %s: %s", task.id(), name, e.getMessage()), e));
    }
}
