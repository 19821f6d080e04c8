// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.runtime;

import dev.ayo4j.primitive.Primitive;
import dev.ayo4j.spi.Task;

/**
 * A user's Java function that a {@link Primitive.Step} runs: filter passages, call a tool, format an
 * answer, anything the built-in modules do not do. Register it by name on the runtime with
 * {@link Ayo4jRuntime.Builder#step(String, StepFunction)}; an app uses it through a
 * {@code dev.ayo4j.app.Module.Step} that names it.
 *
 * {@snippet :
 * Ayo4jRuntime runtime = Ayo4jRuntime.builder()
 *         .step("keep-recent", task -> task.input(Port.passages("candidates")).stream()
 *                 .filter(p -> p.source().contains("2025")).toList())
 *         .engine(llm).engine(embedder).engine(reranker).engine(vectors)
 *         .build();
 * }
 *
 * <p>Inputs: {@code task.input(port)} reads each value the step was given, under the name of the app
 * value it reads, as that value's Java type ({@code task.input(Port.passages("candidates"))}); {@code
 * task.op()} is the {@link Primitive.Step} with the declared parameter ports and output kind, and
 * {@code task.id()} names the query and node.
 *
 * <p>Threading: called on a virtual thread of its own, once per query that reaches the step, possibly
 * for many queries at once, so it must be thread-safe; it may block (a tool call over HTTP). When the
 * query fails elsewhere, passes its deadline or is cancelled meanwhile, the thread is interrupted and its
 * result is dropped.
 *
 * <p>Result and errors: it returns a value of the step's output kind ({@code String} for TEXT, {@code
 * List<String>} for TEXT_LIST, {@code List<Passage>} for PASSAGE_LIST, {@code List<float[]>} for
 * VECTOR_LIST, {@code Signal} for SIGNAL). Anything it throws, a {@code null} or a value of another type
 * fails the query with an {@code Ayo4jException} that names the node, the step and the cause.
 */
@FunctionalInterface
public interface StepFunction {
    /** The step's result for one query; see the class comment for inputs, threading and errors. */
    Object apply(Task task) throws Exception;
}
