// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.langchain4j;

import dev.ayo4j.Checks;
import dev.ayo4j.primitive.Primitive;
import dev.ayo4j.spi.Engine;
import dev.ayo4j.spi.SingleTaskCalls;
import dev.ayo4j.spi.Task;
import dev.ayo4j.spi.TaskId;
import dev.ayo4j.spi.TaskResult;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Sends one task at a time to an engine through {@link SingleTaskCalls}, which honours the engine's
 * contract, and reads its result. Failures become
 * {@link ModelCallException}s naming the engine and the task.
 */
final class EngineCalls {
    private static final AtomicLong IDS = new AtomicLong();

    private final SingleTaskCalls calls;
    private final String caller;

    EngineCalls(Engine engine, String caller) {
        this.calls = new SingleTaskCalls(engine);
        this.caller = caller;
    }

    Engine engine() {
        return calls.engine();
    }

    /** Executes {@code op} with {@code inputs} as a batch of one and returns its successful result. */
    TaskResult.Success call(Primitive op, Map<String, Object> inputs, Consumer<Object> publish) {
        Engine engine = calls.engine();
        Checks.argument(engine.capabilities().serves(op), "engine %s does not serve %s", engine.name(),
                op.kindName());
        Task task = new Task(new TaskId(caller + "-" + IDS.incrementAndGet(), op.kindName()), op, inputs, publish);
        TaskResult result;
        try {
            result = calls.call(task);
        } catch (RuntimeException e) {
            throw new ModelCallException(String.format("engine %s failed task %s (%s): %s", engine.name(),
                    task.id(), op.kindName(), e.getMessage()), e);
        }
        return switch (result) {
            case TaskResult.Success s -> s;
            case TaskResult.Failure f -> throw new ModelCallException(String.format(
                    "engine %s failed task %s (%s): %s", engine.name(), task.id(), op.kindName(),
                    f.cause().getMessage()), f.cause());
        };
    }

    /** Rough token count of {@code text}: about four characters per token, at least 1. */
    static int estimateTokens(String text) {
        return Math.max(1, text.length() / 4);
    }
}
