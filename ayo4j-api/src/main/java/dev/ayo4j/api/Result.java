// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.api;

import dev.ayo4j.app.Apps;

import dev.ayo4j.primitive.Port;

import dev.ayo4j.runtime.QueryResult;
import dev.ayo4j.runtime.trace.TraceEvent;
import dev.ayo4j.spi.Passage;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one run of a prepared app returned: its outputs, read by {@link Port}, the answer and its sources
 * for the RAG apps, and where its time went (the trace of every primitive, the critical path and the
 * lower bound no schedule can beat).
 */
public final class Result {
    private final String app;
    private final QueryResult query;
    private final String answerKey;

    Result(String app, QueryResult query, String answerKey) {
        this.app = Objects.requireNonNull(app, "app");
        this.query = Objects.requireNonNull(query, "query");
        this.answerKey = answerKey;
    }

    /** The run's id, unique within its entry point ({@code q1}, {@code q2}, ...). */
    public String runId() {
        return query.queryId();
    }

    /** The app that ran. */
    public String app() {
        return app;
    }

    /** The output {@code key}; throws naming the outputs when the app has no such output. */
    public <T> T get(Port<T> key) {
        Object v = query.outputs().get(key.name());
        if (v == null) {
            throw new IllegalArgumentException("run " + runId() + " of " + app + " has no output '" + key.name()
                    + "'; outputs: " + query.outputs().keySet());
        }
        if (!Ports.javaType(key).isInstance(v)) {
            throw new IllegalArgumentException("output " + key.name() + " is a " + v.getClass().getSimpleName()
                    + ", not a " + Ports.javaType(key).getSimpleName());
        }
        @SuppressWarnings("unchecked")
        T t = (T) v;
        return t;
    }

    /** The output {@code key}, when the app has it. */
    public <T> Optional<T> find(Port<T> key) {
        return query.outputs().containsKey(key.name()) ? Optional.of(get(key)) : Optional.empty();
    }

    /** The answer: the app's first text output ({@code answer} for the RAG apps). */
    public String answer() {
        if (answerKey == null) {
            throw new IllegalStateException("app " + app + " has no text output");
        }
        return get(Port.text(answerKey));
    }

    /** The passages the answer was given from, best first, with scores; empty for an app without a context. */
    public List<Source> sources() {
        return find(Apps.CONTEXT).orElse(List.<Passage>of()).stream().map(Source::of).toList();
    }

    /** One event per primitive that ran or was skipped, in graph order. */
    public List<TraceEvent> trace() {
        return query.trace();
    }

    /** From submission to the last primitive's end, in nanoseconds. */
    public long endToEndNanos() {
        return query.endToEndNanos();
    }

    /** The longest chain of measured service times over the graph's edges, in nanoseconds. */
    public long criticalPathNanos() {
        return query.criticalPathNanos();
    }

    /** The larger of the critical path and the busiest engine's time: no schedule finishes sooner. */
    public long lowerBoundNanos() {
        return query.lowerBoundNanos();
    }

    /** The runtime's result, for tools that read it whole (timelines, benchmarks). */
    public QueryResult query() {
        return query;
    }

    @Override
    public String toString() {
        return "Result(" + app + " " + runId() + ", outputs=" + query.outputs().keySet() + ")";
    }
}
