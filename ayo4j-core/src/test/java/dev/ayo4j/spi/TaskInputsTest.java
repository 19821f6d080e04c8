// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ayo4j.NonRetriableEngineException;
import dev.ayo4j.primitive.OutputFormat;
import dev.ayo4j.primitive.Primitive;
import dev.ayo4j.primitive.PromptTemplate;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TaskInputsTest {
    private static final PromptTemplate TEMPLATE = PromptTemplate.of("Q: {{question}}\nC: {{context}}\nA:");
    private static final TaskId ID = new TaskId("q", "n");

    @Test
    void prefersThePromptTheRuntimeRendered() {
        Task t = Task.of(ID, new Primitive.Prefill("llm", TEMPLATE, OutputFormat.text(), 8, 8, false),
                Map.of(TaskInputs.PROMPT, "rendered", "question", "ignored"));
        assertThat(TaskInputs.prompt(t)).isEqualTo("rendered");
    }

    @Test
    void rendersTheWholeTemplateOrThePrefixFromTextInputs() {
        Task full = Task.of(ID, new Primitive.Prefill("llm", TEMPLATE, OutputFormat.text(), 8, 8, false),
                Map.of("question", "why", "context", "[1] x"));
        Task prefix = Task.of(ID, new Primitive.PartialPrefill("llm", TEMPLATE, 2, 4, false), Map.of("question", "why"));
        assertThat(TaskInputs.prompt(full)).isEqualTo("Q: why\nC: [1] x\nA:");
        assertThat(TaskInputs.prompt(prefix)).isEqualTo("Q: why");
    }

    @Test
    void namesAMissingPlaceholder() {
        Task t = Task.of(ID, new Primitive.Prefill("llm", TEMPLATE, OutputFormat.text(), 8, 8, false),
                Map.of("question", "why"));
        assertThatThrownBy(() -> TaskInputs.prompt(t)).isInstanceOf(NonRetriableEngineException.class)
                .hasMessageContaining("{{context}}").hasMessageContaining("q/n");
    }
}
