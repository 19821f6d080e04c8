// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.api;

import dev.ayo4j.plan.Pass;
import dev.ayo4j.primitive.Port;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * An app bound to an {@link Ayo4j}'s engines, ready to run: each run lowers and plans the app for the
 * sizes of its actual inputs (how many passages, how long the question), and plans are cached by app and
 * size bucket, so a caller never states a query shape. Thread-safe; runs may overlap, and the engines
 * batch their primitives across runs.
 *
 * {@snippet :
 * PreparedApp rag = ayo.prepare("advanced-rag");
 * Result r = rag.run(Inputs.question("What does stage decomposition do?").collection("guide"));
 * System.out.println(r.answer() + " " + r.sources());
 * }
 */
public interface PreparedApp {
    /** The app's name. */
    String name();

    /** The values a run must supply (a collection-searching app's readiness signal is supplied for it). */
    List<Port<?>> inputs();

    /** The values a run returns. */
    List<Port<?>> outputs();

    /** The collection the app searches when a run names none. */
    String collection();

    /**
     * Runs once and waits; throws the run's {@code Ayo4jException}: {@code GraphValidationException} for a
     * missing or mistyped input, an {@code EngineException} naming the primitive and engine,
     * {@code DeadlineExceededException}.
     */
    Result run(Inputs inputs);

    /** Starts a run; cancelling the future cancels the run (its queued primitives are dropped). */
    CompletableFuture<Result> runAsync(Inputs inputs);

    /**
     * Starts a run whose events {@code listener} hears as they happen: primitives started and finished,
     * answer tokens, then the result or the error. The future completes after the last event.
     */
    CompletableFuture<Result> stream(Inputs inputs, StreamListener listener);

    /**
     * The app's graph before and after each optimization pass, planned for {@code inputs} (their passages
     * and question), as text.
     */
    String explain(Inputs inputs);

    /** {@link #explain(Inputs)} for a typical question (and, for a document-QA app, 100 passages). */
    String explain();

    /**
     * This app on the same engines, planned by exactly {@code passes} instead of the entry point's passes
     * and the engines' rules. {@code Passes.NONE} runs each graph as lowered, as a chain of modules runs it:
     * the unoptimized baseline that the demo and the console compare the optimized run against.
     */
    PreparedApp withPasses(List<Pass> passes);
}
