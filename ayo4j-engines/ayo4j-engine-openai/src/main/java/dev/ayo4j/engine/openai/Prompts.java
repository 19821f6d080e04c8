package dev.ayo4j.engine.openai;

import dev.ayo4j.NonRetriableEngineException;
import dev.ayo4j.primitive.PromptTemplate;
import dev.ayo4j.spi.Task;
import dev.ayo4j.spi.TaskInputs;
import java.util.HashMap;
import java.util.Map;

/**
 * Renders the prompt of a prefill task. The runtime renders prompts itself and passes the text as
 * input {@link TaskInputs#PROMPT}, which is sent as is; without it, the template is rendered from the
 * task's text inputs, keyed by placeholder name.
 */
final class Prompts {
    private Prompts() {}

    /** The first {@code segments} segments of {@code template}, filled from {@code task}'s inputs. */
    static String render(Task task, PromptTemplate template, int segments) {
        if (task.inputs().get(TaskInputs.PROMPT) instanceof String given) {
            return given;
        }
        Map<String, String> values = new HashMap<>();
        for (String name : template.placeholdersIn(segments)) {
            switch (task.inputs().get(name)) {
                case String s -> values.put(name, s);
                case null -> throw new NonRetriableEngineException(String.format(
                        "task %s: no input for placeholder {{%s}}; inputs: %s", task.id(), name,
                        task.inputs().keySet()));
                case Object other -> throw new NonRetriableEngineException(String.format(
                        "task %s: input %s is a %s, expected text", task.id(), name,
                        other.getClass().getSimpleName()));
            }
        }
        return template.renderPrefix(segments, values);
    }
}
