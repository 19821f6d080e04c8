// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.runtime;

import dev.ayo4j.Ayo4jException;
import dev.ayo4j.DeadlineExceededException;
import dev.ayo4j.EngineException;
import dev.ayo4j.NonRetriableEngineException;
import dev.ayo4j.RetriableEngineException;
import dev.ayo4j.graph.Node;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * Maps what went wrong in a query run to the exception the query fails with, each naming the query and,
 * where there is one, the node and its engine. An engine's retriable failure stays retriable; every other
 * engine failure becomes non-retriable. Pure: it reads the plan and holds no state of the run.
 */
final class RunFailures {
    /** At most this many nodes are named as unfinished. */
    static final int MAX_UNFINISHED = 8;

    private final String queryId;
    private final GraphPlan plan;

    RunFailures(String queryId, GraphPlan plan) {
        this.queryId = queryId;
        this.plan = plan;
    }

    /** "query q: node n (Kind on engine e)": where node {@code i} of the query is. */
    String where(int i) {
        Node n = plan.nodes[i];
        String engine = plan.engineOf[i];
        return "query " + queryId + ": node " + n.id() + " (" + n.op().kindName()
                + (engine == null ? "" : " on engine " + engine) + ")";
    }

    /** An event of the run threw: a defect of the runtime, not of the query. */
    Ayo4jException internal(RuntimeException e) {
        return new Ayo4jException("query " + queryId + ": internal error: " + e, e);
    }

    /** Starting node {@code i} threw. */
    Ayo4jException nodeThrew(int i, RuntimeException e) {
        return new Ayo4jException(where(i) + " failed: " + e.getMessage(), e);
    }

    /** The engine failed node {@code i}'s task. */
    EngineException engineFailed(int i, Throwable cause) {
        String message = where(i) + " failed: " + cause.getMessage();
        return cause instanceof RetriableEngineException ? new RetriableEngineException(message, cause)
                : new NonRetriableEngineException(message, cause);
    }

    /** The generation node {@code i} reads failed. */
    EngineException generationFailed(int i, Throwable cause) {
        return new EngineException(where(i) + ": the generation failed: " + cause.getMessage(), cause);
    }

    /** User step {@code step}, node {@code i}, threw {@code failure}. */
    Ayo4jException stepFailed(int i, String step, Throwable failure) {
        return new Ayo4jException(String.format("%s failed: step '%s': %s", where(i), step,
                failure.getMessage() == null ? failure.toString() : failure.getMessage()), failure);
    }

    /** The query was cancelled before it finished. */
    QueryCancelledException cancelled(IntPredicate running, IntPredicate pending) {
        return new QueryCancelledException("query " + queryId + " was cancelled; unfinished: "
                + unfinished(running, pending));
    }

    /** The query passed its deadline of {@code deadlineMillis}. */
    DeadlineExceededException deadlinePassed(long deadlineMillis, IntPredicate running, IntPredicate pending) {
        return new DeadlineExceededException("query " + queryId + " passed its deadline of " + deadlineMillis
                + " ms; unfinished: " + unfinished(running, pending));
    }

    /** Up to {@link #MAX_UNFINISHED} unfinished nodes, the running ones (so marked) first. */
    List<String> unfinished(IntPredicate running, IntPredicate pending) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < plan.size() && names.size() < MAX_UNFINISHED; i++) {
            if (running.test(i)) {
                names.add(plan.nodes[i].id() + " (running)");
            }
        }
        for (int i = 0; i < plan.size() && names.size() < MAX_UNFINISHED; i++) {
            if (pending.test(i)) {
                names.add(plan.nodes[i].id().value());
            }
        }
        return names;
    }
}
