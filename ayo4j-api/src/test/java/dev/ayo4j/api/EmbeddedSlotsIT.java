// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ayo4j.app.Role;
import dev.ayo4j.engine.llamacpp.gguf.SyntheticModels;
import dev.ayo4j.local.LocalStackOptions;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded LLM gets a slot per prompt template of the apps in use, so that slot affinity keeps each
 * template's instructions cached: two for the built-in apps, three once an app of three calls is registered,
 * and never fewer than the options ask for.
 */
class EmbeddedSlotsIT {
    @TempDir
    Path dir;

    private static final String THREE_CALLS = """
            app: three-calls
            inputs: {question: text}
            modules:
              - generate: {name: first, template: "First. Question: {{question}}", maxTokens: 4, into: a}
              - generate: {name: second, template: "Second. Question: {{question}} {{a}}", maxTokens: 4, into: b}
              - generate: {name: third, template: "Third. Question: {{question}} {{b}}", maxTokens: 4, into: answer}
            outputs: [answer]
            """;

    private LocalStackOptions stack() {
        Path model = dir.resolve("chain.gguf");
        SyntheticModels.writeChain(model, "fine");
        return LocalStackOptions.of(model, dir.resolve("data"));
    }

    private static int llmSlots(Ayo4j ayo) {
        return ayo.engines().stream().filter(e -> e.roles().contains(Role.LLM)).findFirst().orElseThrow()
                .maxConcurrency();
    }

    @Test
    void theBuiltInAppsGetTwoSlots() {
        try (Ayo4j ayo = Ayo4j.builder().embedded(stack().withLlmSlots(1)).build()) {
            assertThat(llmSlots(ayo)).as("advanced-rag's expansion and answer").isEqualTo(2);
        }
    }

    @Test
    void anAppOfThreeCallsGetsThreeSlots() {
        try (Ayo4j ayo = Ayo4j.builder().embedded(stack())
                .app(AppFiles.parse("three-calls.yaml", THREE_CALLS, Map.of())).build()) {
            assertThat(llmSlots(ayo)).isEqualTo(3);
            assertThat(ayo.prepare("three-calls").run(Inputs.question("why?")).answer()).isNotBlank();
        }
    }

    @Test
    void moreSlotsAskedForAreKept() {
        try (Ayo4j ayo = Ayo4j.builder().embedded(stack().withLlmSlots(5)).build()) {
            assertThat(llmSlots(ayo)).isEqualTo(5);
        }
    }
}
