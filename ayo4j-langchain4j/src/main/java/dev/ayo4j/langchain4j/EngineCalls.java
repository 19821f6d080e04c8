package dev.ayo4j.langchain4j;

import dev.ayo4j.Checks;
import dev.ayo4j.primitive.Primitive;
import dev.ayo4j.spi.Batch;
import dev.ayo4j.spi.Engine;
import dev.ayo4j.spi.Task;
import dev.ayo4j.spi.TaskId;
import dev.ayo4j.spi.TaskResult;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Sends one task at a time to an engine, honouring the engine's contract: at most
 * {@code maxConcurrency} {@link Engine#execute} calls in flight, one result per task. Failures become
 * {@link ModelCallException}s naming the engine and the task.
 */
final class EngineCalls {
    private static final AtomicLong IDS = new AtomicLong();

    private final Engine engine;
    private final String caller;
    private final Semaphore permits;

    EngineCalls(Engine engine, String caller) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.caller = caller;
        this.permits = new Semaphore(engine.capabilities().maxConcurrency(), true);
    }

    Engine engine() {
        return engine;
    }

    /** Executes {@code op} with {@code inputs} as a batch of one and returns its successful result. */
    TaskResult.Success call(Primitive op, Map<String, Object> inputs, Consumer<Object> publish) {
        Checks.argument(engine.capabilities().serves(op), "engine %s does not serve %s", engine.name(),
                op.kindName());
        long n = IDS.incrementAndGet();
        Task task = new Task(new TaskId(caller + "-" + n, op.kindName()), op, inputs, publish);
        List<TaskResult> results;
        permits.acquireUninterruptibly();
        try {
            results = engine.execute(new Batch(n, List.of(task)));
        } catch (RuntimeException e) {
            throw new ModelCallException(String.format("engine %s failed task %s (%s): %s", engine.name(),
                    task.id(), op.kindName(), e.getMessage()), e);
        } finally {
            permits.release();
        }
        return switch (results.getFirst()) {
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
