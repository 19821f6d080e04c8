// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ayo4j.app.AppOptions;
import dev.ayo4j.app.Apps;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The embedded LLM's slots follow the prompt templates of the apps it serves. */
class LocalStackOptionsTest {
    private static final LocalStackOptions BASE = LocalStackOptions.of(Path.of("m.gguf"), Path.of("data"));

    @Test
    void aSlotPerTemplateTheAppSendsTheLlm() {
        assertThat(BASE.withSlotsFor(List.of(Apps.naiveRag(AppOptions.DEFAULT))).llmSlots()).isEqualTo(1);
        assertThat(BASE.withSlotsFor(List.of(Apps.advancedRagOverCollection(AppOptions.DEFAULT))).llmSlots())
                .as("expansion and answer").isEqualTo(2);
        assertThat(BASE.withSlotsFor(List.of(Apps.naiveRag(AppOptions.DEFAULT), Apps.multiCall(AppOptions.DEFAULT)))
                .llmSlots()).as("the most of any one app").isEqualTo(2);
        assertThat(BASE.withSlotsFor(List.of(Apps.naiveRag(AppOptions.DEFAULT)), 2).llmSlots())
                .as("two queries at once").isEqualTo(2);
    }

    @Test
    void theLlmSpecCarriesTheSlotsAndContextEnoughForThem() {
        LocalStackOptions many = BASE.withLlmSlots(20);

        assertThat(many.llmSpec().config().option("slots", "")).isEqualTo("20");
        assertThat(Integer.parseInt(many.llmSpec().config().option("ctxSize", ""))).isGreaterThanOrEqualTo(20 * 512);
    }

    @Test
    void theLlmSpecCarriesPromptThreadsAndPollingOnlyWhereTheyDifferFromTheDefaults() {
        assertThat(BASE.withThreads(2, 1).llmSpec().config().options()).containsEntry("threads", "2")
                .doesNotContainKeys("batchThreads", "poll");
        LocalStackOptions split = BASE.withThreads(1, 2, false, 1).withLlmSlots(3).withDataDir(Path.of("other"));
        assertThat(split.llmSpec().config().options()).containsEntry("threads", "1")
                .containsEntry("batchThreads", "2").containsEntry("poll", "0").containsEntry("slots", "3");
        assertThat(split.dataDir()).isEqualTo(Path.of("other"));
        assertThat(split.encoderThreads()).isEqualTo(1);
    }
}
