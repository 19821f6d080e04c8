// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.spi;

import java.time.Duration;
import java.util.List;

/**
 * Engine that executes primitives: an LLM, an encoder, a vector store.
 *
 * <p>Threading: the engine scheduler calls {@link #execute} from platform threads of its own pool (engines
 * may block in native code, which would pin a virtual thread's carrier), at most
 * {@link EngineCapabilities#maxConcurrency()} calls at once. {@code execute} blocks until each task's
 * output is available and returns one result per task, in input order; a task that fails gets a
 * {@link TaskResult.Failure} and does not fail its batch-mates. It throws only when the whole engine
 * is broken, which fails every task of the batch.
 *
 * <p>For an LLM prefill, "output available" means the generation is under way: the engine publishes
 * the {@link Generation} through {@link Task#publish()} as soon as the request is accepted, and
 * returns it once the prompt is prefilled; decoding goes on in the engine.
 */
public interface Engine extends AutoCloseable {
    /** The name primitives use to address this engine, e.g. {@code llm} or {@code embedder}. */
    String name();

    /** What this engine serves and its limits. */
    EngineCapabilities capabilities();

    /** Executes a batch; see the class comment for the contract. */
    List<TaskResult> execute(Batch batch);

    /**
     * Checks, within {@code timeout}, that the engine can serve: a remote engine reaches its server. Called
     * once at start-up and by readiness checks. Throws {@code dev.ayo4j.EngineException} naming the engine and
     * what it could not reach (a URL); returns at once for an in-process engine, which is ready once created.
     */
    default void awaitReady(Duration timeout) {
    }

    /**
     * Whether {@link #execute} sends each task's {@link Task#trace()} to a remote server (as W3C {@code
     * traceparent} headers), so that the server's spans join the run's trace. Only then does the runtime ask
     * the run listener for a context of the task's own as its batch starts (the span of its primitive), which
     * costs a span started on the batch's thread; an engine that runs in process leaves it false (the default).
     */
    default boolean sendsTraceContext() {
        return false;
    }

    /**
     * The provider and model this engine serves, for metrics' and spans' GenAI attributes (default: its
     * name for both).
     */
    default EngineDescription description() {
        return EngineDescription.of(name());
    }

    /** Releases native resources; idempotent. */
    @Override
    void close();
}
