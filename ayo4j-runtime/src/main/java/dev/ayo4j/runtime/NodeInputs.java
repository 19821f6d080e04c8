// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.runtime;

import dev.ayo4j.primitive.Port;
import dev.ayo4j.primitive.Primitive;
import dev.ayo4j.runtime.GraphPlan.Link;
import dev.ayo4j.spi.Generation;
import dev.ayo4j.spi.Task;
import dev.ayo4j.spi.TaskId;
import dev.ayo4j.spi.TaskInputs;
import dev.ayo4j.spi.TraceContext;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.IntPredicate;

/**
 * What a node of a query run is given: the values on its input ports, read from its producers' outputs,
 * sliced and coerced to the port's kind, and the {@link Task} built from them for an engine or a user step.
 * It reads the run's outputs and which nodes are absent, and changes neither.
 */
final class NodeInputs {
    private final String queryId;
    private final GraphPlan plan;
    private final Object[] outputs;
    private final IntPredicate absent;

    /** Reads {@code outputs} (by node index, written by the run) and {@code absent} as they are when asked. */
    NodeInputs(String queryId, GraphPlan plan, Object[] outputs, IntPredicate absent) {
        this.queryId = queryId;
        this.plan = plan;
        this.outputs = outputs;
        this.absent = absent;
    }

    /** Whether a producer of a value node {@code i} reads is absent. */
    boolean anyAbsent(int i) {
        for (Link l : plan.in.get(i)) {
            if (l.toKind() != null && absent.test(l.from())) {
                return true;
            }
        }
        return false;
    }

    /** Node {@code i}'s input values by port, sliced and coerced. */
    Map<String, Object> gather(int i) {
        List<Link> links = plan.in.get(i);
        Map<String, Object> values = HashMap.newHashMap(links.size() + 1);
        for (Link l : links) {
            if (l.toKind() != null) {
                values.put(l.toPort(), value(l));
            }
        }
        return values;
    }

    /** Aggregate {@code a}'s (node {@code i}) input values by port number; null where the producer is absent. */
    Object[] byPort(int i, Primitive.Aggregate a) {
        Object[] byPort = new Object[a.arity()];
        for (Link l : plan.in.get(i)) {
            if (l.toKind() != null && !absent.test(l.from())) {
                byPort[Integer.parseInt(l.toPort().substring(2))] = value(l);
            }
        }
        return byPort;
    }

    /** The generation node {@code i} reads on {@code port}. */
    Generation generation(int i, Port<Generation> port) {
        return port.cast(gather(i).get(port.name()));
    }

    /** The task of user step {@code s}, node {@code i}. */
    Task stepTask(int i, Primitive.Step s) {
        return Task.of(taskId(i), s, gather(i));
    }

    /**
     * The task of engine node {@code i}, its prompt rendered for a prefill; what it publishes early goes to
     * {@code publish}. {@code where} names the node in a rendering error.
     */
    Task engineTask(int i, Consumer<Object> publish, TraceContext traceContext, String where) {
        Primitive op = plan.nodes[i].op();
        Map<String, Object> in = gather(i);
        if (op instanceof Primitive.Prefill || op instanceof Primitive.PartialPrefill) {
            in.put(TaskInputs.PROMPT, TaskInputs.render(op, in, where));
        }
        return new Task(taskId(i), op, in, publish, traceContext);
    }

    /** How many items {@code task} carries, as its engine's batch policy counts them. */
    static int items(Task task) {
        Map<String, Object> in = task.inputs();
        return switch (task.op()) {
            case Primitive.Embed _ -> ((List<?>) in.get(Primitive.Embed.TEXTS.name())).size();
            case Primitive.Rerank _ -> ((List<?>) in.get(Primitive.Rerank.PASSAGES.name())).size();
            case Primitive.VectorSearch _ -> ((List<?>) in.get(Primitive.VectorSearch.VECTORS.name())).size();
            case Primitive.Ingest _ -> ((List<?>) in.get(Primitive.Ingest.PASSAGES.name())).size();
            default -> 1;
        };
    }

    /** The id of node {@code i}'s task. */
    TaskId taskId(int i) {
        return new TaskId(queryId, plan.nodes[i].id().value());
    }

    private Object value(Link l) {
        Object v = outputs[l.from()];
        if (l.slice() != null) {
            v = Coercions.slice(v, l.slice());
        }
        return Coercions.coerce(v, l.fromKind(), l.toKind());
    }
}
