// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.spi;

import dev.ayo4j.NonRetriableEngineException;
import dev.ayo4j.primitive.Primitive;
import dev.ayo4j.primitive.PromptTemplate;
import java.util.HashMap;
import java.util.Map;

/**
 * Names of the extra input entries the runtime adds to a {@link Task} beyond its primitive's ports,
 * and how an engine reads the prompt of a prefill task,
 * so that engines and the runtime agree on how prompts arrive.
 *
 * <p>For a {@code Prefill} task the inputs hold one {@code String} per template placeholder, keyed by
 * the placeholder's name (a {@code PASSAGE_LIST} already rendered as numbered context, "[1] text" with a
 * blank line between passages), the {@code warmup} {@link Signal} when the prefill is warmed, and
 * {@link #PROMPT}: the whole rendered prompt. For a {@code PartialPrefill} task, {@link #PROMPT} holds
 * the rendered prefix only, and the placeholders are those of that prefix. Engines should send
 * {@link #PROMPT} as is; the per-placeholder values are there for engines that build their own request
 * (a chat message per part, say).
 */
public final class TaskInputs {
    /**
     * Key of the rendered prompt (or prompt prefix) of a prefill task. The {@code @} keeps it apart from
     * placeholder names, which start with a letter.
     */
    public static final String PROMPT = "@prompt";

    private TaskInputs() {}

    /**
     * The prompt a {@code Prefill} (whole template) or {@code PartialPrefill} (its prefix) task should
     * send: {@link #PROMPT} when the runtime rendered it, else the template rendered from the task's text
     * inputs keyed by placeholder name (for engines used directly, without the runtime).
     *
     * @throws NonRetriableEngineException naming the task and placeholder when an input is missing or is
     *                                     not text, or when the task is not a prefill
     */
    public static String prompt(Task task) {
        if (task.inputs().get(PROMPT) instanceof String given) {
            return given;
        }
        return render(task.op(), task.inputs(), "task " + task.id());
    }

    /**
     * The one renderer of prompts: what a {@code Prefill} (whole template) or {@code PartialPrefill} (its
     * prefix) sends, from {@code inputs} keyed by placeholder name. The runtime renders {@link #PROMPT}
     * with it; {@link #prompt} falls back to it.
     *
     * @param where names the task in errors ("task q1/n3")
     * @throws NonRetriableEngineException naming {@code where} and the placeholder when an input is missing
     *                                     or is not text, or when {@code op} is not a prefill
     */
    public static String render(Primitive op, Map<String, ?> inputs, String where) {
        return switch (op) {
            case Primitive.Prefill p -> render(where, inputs, p.template(), p.template().segments().size());
            case Primitive.PartialPrefill p -> render(where, inputs, p.template(), p.segments());
            default -> throw new NonRetriableEngineException(String.format(
                    "%s is a %s, which has no prompt", where, op.kindName()));
        };
    }

    private static String render(String where, Map<String, ?> inputs, PromptTemplate template, int segments) {
        Map<String, String> values = new HashMap<>();
        for (String name : template.placeholdersIn(segments)) {
            switch (inputs.get(name)) {
                case String s -> values.put(name, s);
                case null -> throw new NonRetriableEngineException(String.format(
                        "%s: no input for placeholder {{%s}}; inputs: %s", where, name, inputs.keySet()));
                case Object other -> throw new NonRetriableEngineException(String.format(
                        "%s: input %s is a %s, expected text", where, name, other.getClass().getSimpleName()));
            }
        }
        return template.renderPrefix(segments, values);
    }
}
