// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.engine.openai;

import dev.ayo4j.primitive.OutputFormat;
import dev.ayo4j.primitive.Primitive;
import dev.ayo4j.spi.Task;

/**
 * Function that gives a request its {@code priority} field, which vLLM's
 * {@code --scheduling-policy priority} uses to order waiting requests (lower runs earlier). It is sent
 * only when {@link OpenAiEngine.Builder#sendPriority(boolean)} is on; servers without priority
 * scheduling may reject the field.
 *
 * <p>The best priority is the query's remaining critical path, which a task alone does not reveal. So
 * the default, {@link #byPrimitive()}, takes an integer that the runtime puts under {@link #INPUT} in
 * the task's inputs, and otherwise falls back to a guess from the primitive. <b>The runtime supplies no
 * such input yet</b>; until it does, every priority comes from the fallback.
 *
 * <p>Implementations must be pure and fast: they run on the engine's request threads.
 */
@FunctionalInterface
public interface RequestPriority {
    /** Task input key under which a runtime may pass an {@link Integer} priority (lower runs earlier). */
    String INPUT = "@priority";

    /** Priority of warm-ups: they take one decode step and pay off only if done before the context arrives. */
    int WARM_UP = 0;
    /** Priority of list-producing prefills (query expansion): their items gate whole downstream branches. */
    int LIST = 1;
    /** Priority of free-text prefills, typically the final answer. */
    int TEXT = 2;

    /** The priority of {@code task}'s request; lower runs earlier. */
    int of(Task task);

    /**
     * The default: the integer under {@link #INPUT} when present, otherwise {@link #WARM_UP} for a
     * {@code PartialPrefill}, {@link #LIST} for a prefill of a JSON list and {@link #TEXT} for other prefills.
     */
    static RequestPriority byPrimitive() {
        return task -> {
            if (task.inputs().get(INPUT) instanceof Integer given) {
                return given;
            }
            return switch (task.op()) {
                case Primitive.PartialPrefill _ -> WARM_UP;
                case Primitive.Prefill p when p.format() instanceof OutputFormat.JsonList -> LIST;
                default -> TEXT;
            };
        };
    }
}
