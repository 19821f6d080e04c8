// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.bench.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ayo4j.app.Role;
import dev.ayo4j.local.LocalStackOptions;
import dev.ayo4j.runtime.EngineSpec;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Where the engines run: pinned threads per engine, or every engine on every core. */
class PlacementTest {
    private static final Placement.Threads PINNED = new Placement.Threads(1, 1);

    @Test
    void pinnedKeepsTheGivenThreadsAndSharedGivesEveryEngineEveryCore() {
        assertThat(Placement.PINNED.threads(new Placement.Threads(1, 2), 8)).isEqualTo(new Placement.Threads(1, 2));
        assertThat(Placement.SHARED.threads(PINNED, 2)).isEqualTo(new Placement.Threads(2, 2));
        assertThat(Placement.SHARED.threads(PINNED, 16)).isEqualTo(new Placement.Threads(16, 16));
        assertThat(Placement.SHARED.ayo4jSystem()).isEqualTo("ayo4j-shared");
    }

    @Test
    void splitPrefillsOnEveryCoreAndDecodesOnTheCoresTheEncodersLeave() {
        assertThat(Placement.SPLIT.threads(PINNED, 2)).isEqualTo(new Placement.Threads(1, 2, false, 1));
        assertThat(Placement.SPLIT.threads(new Placement.Threads(1, 2), 8))
                .isEqualTo(new Placement.Threads(6, 8, false, 2));
        assertThat(Placement.SPLIT.threads(new Placement.Threads(1, 4), 2)).as("never less than one decode thread")
                .isEqualTo(new Placement.Threads(1, 2, false, 4));
        assertThat(Placement.SPLIT.ayo4jSystem()).isEqualTo("ayo4j-split");
        assertThat(Placement.SPLIT.threads(PINNED, 2).describeLlm())
                .isEqualTo("LLM 1 thread(s) decoding, 2 for prompts, not polling");
        assertThat(Placement.SHARED.threads(PINNED, 2).describeLlm()).isEqualTo("LLM 2 thread(s)");
        assertThatThrownBy(() -> new Placement.Threads(1, 0, true, 1)).hasMessageContaining("llm batch threads");
    }

    @Test
    void placementsAreNamedAsTheOptionTakesThem() {
        assertThat(Placement.of("Shared ")).isEqualTo(Placement.SHARED);
        assertThat(Placement.of("pinned")).isEqualTo(Placement.PINNED);
        assertThat(Placement.of("SPLIT")).isEqualTo(Placement.SPLIT);
        assertThatThrownBy(() -> Placement.of("spread")).hasMessageContaining("spread")
                .hasMessageContaining("pinned, shared, split");
    }

    @Test
    void enginesPlacedOtherwiseAreTheStacksWithTheirThreads() {
        LocalStackOptions stack = LocalStackOptions.of(Path.of("m.gguf"), Path.of("data"));
        LocalStackOptions shared = LocalEngines.specsWithThreads(stack, Placement.SHARED.threads(PINNED, 2));
        assertThat(shared.llmSpec().config().options()).containsEntry("threads", "2")
                .containsEntry("slots", stack.llmSpec().config().options().get("slots"));
        for (Role role : new Role[] {Role.EMBEDDER, Role.RERANKER}) {
            EngineSpec spec = shared.specs().stream().filter(s -> s.roles().contains(role)).findFirst().orElseThrow();
            assertThat(spec.config().options()).as(role.key()).containsEntry("threads", "2");
        }
        assertThat(shared.dataDir()).isEqualTo(stack.dataDir());
        assertThat(shared.llmSpec().config().options()).doesNotContainKeys("batchThreads", "poll");

        LocalStackOptions split = LocalEngines.specsWithThreads(stack, Placement.SPLIT.threads(PINNED, 2));
        assertThat(split.llmSpec().config().options()).containsEntry("threads", "1")
                .containsEntry("batchThreads", "2").containsEntry("poll", "0");
        for (Role role : new Role[] {Role.EMBEDDER, Role.RERANKER}) {
            EngineSpec spec = split.specs().stream().filter(s -> s.roles().contains(role)).findFirst().orElseThrow();
            assertThat(spec.config().options()).as(role.key()).containsEntry("threads", "1");
        }
    }
}
