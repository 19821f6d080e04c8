// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.bench.app;


/**
 * A way of serving a workload's queries on the stack's engines. {@link #begin} is called after the LLM
 * is reopened (so it sees the fresh engine and an empty prompt cache), then {@link #answer} from any
 * number of threads at once, then {@link #end}.
 */
public sealed interface BenchSystem permits AyoSystem, SequentialChain, LangChain4jRag {
    /** Short name in tables, e.g. {@code ayo4j}. */
    String name();

    /** One-line description for reports. */
    String describe();

    /** Prepares a run on the stack's current engines. */
    void begin(Engines engines);

    /** Serves one query, blocking until its answer is complete; {@code collection} is its own. */
    QueryOutcome answer(BenchQuery query, String collection);

    /** Ends the run, releasing what {@link #begin} made. */
    void end();
}
