// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.spi;

import dev.ayo4j.primitive.Port;
import dev.ayo4j.primitive.Primitive;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * One primitive of one query, handed to an engine with its input values.
 *
 * <p>Input values by port name (read them through the primitive's typed port constants with {@link
 * #input(Port)}): {@code String} for TEXT, {@code List<String>} for TEXT_LIST,
 * {@code List<Passage>} for PASSAGE_LIST, {@code List<float[]>} for VECTOR_LIST, {@link Signal} for
 * SIGNAL. Coercions declared by {@code ValueKind.canFeed} are already applied.
 *
 * @param id      which query and node
 * @param op      the primitive to perform
 * @param inputs  input values by port name
 * @param publish where an engine may publish the task's output before {@code execute} returns, e.g. a
 *                {@link Generation} as soon as the request is accepted, so STREAM consumers start
 * @param trace   the trace context that an engine calling a remote server sends with the call: the task's own
 *                (e.g. of the span of its primitive) once its batch has started, its query's until then, and
 *                {@link TraceContext#NONE} when the query is not traced
 */
public record Task(TaskId id, Primitive op, Map<String, Object> inputs, Consumer<Object> publish,
                   TraceContext trace) {
    public Task {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(op, "op");
        inputs = Map.copyOf(inputs);
        Objects.requireNonNull(publish, "publish");
        Objects.requireNonNull(trace, "trace");
    }

    /** A task of a query that is not traced. */
    public Task(TaskId id, Primitive op, Map<String, Object> inputs, Consumer<Object> publish) {
        this(id, op, inputs, publish, TraceContext.NONE);
    }

    /** A task whose early output goes nowhere (for direct engine use and tests). */
    public static Task of(TaskId id, Primitive op, Map<String, Object> inputs) {
        return new Task(id, op, inputs, _ -> {});
    }

    /** This task carrying {@code trace} instead of its own trace context. */
    public Task withTrace(TraceContext trace) {
        return new Task(id, op, inputs, publish, trace);
    }

    /**
     * The input on {@code port}, e.g. {@code task.input(Primitive.Embed.TEXTS)}, as the port's Java type.
     *
     * @throws IllegalArgumentException naming the task and port when the input is absent or is not of the
     *                                  port's type
     */
    public <T> T input(Port<T> port) {
        Object v = inputs.get(port.name());
        if (v == null) {
            throw new IllegalArgumentException(String.format("task %s (%s) has no input '%s'", id, op.kindName(),
                    port.name()));
        }
        try {
            return port.cast(v);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(String.format("task %s (%s): %s", id, op.kindName(), e.getMessage()), e);
        }
    }
}
