// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.plan.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ayo4j.Ayo4jException;
import dev.ayo4j.primitive.Primitive;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link CostModel#load} applies measured profiles and names what it cannot understand. */
class CostModelTest {
    @Test
    void loadsProfilesAndBatchLimits(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("costs.properties"),
                "embedder.Embed.fixedMs = 10\nembedder.maxBatch = 64\n");
        CostModel model = CostModel.load(file);
        assertThat(model.maxBatch("embedder")).isEqualTo(64);
        assertThat(model.millis(new Primitive.Embed("embedder", 1, 1)))
                .isGreaterThan(CostModel.defaults().millis(new Primitive.Embed("embedder", 1, 1)));
    }

    @Test
    void rejectsAnUnknownKindNamingTheKey(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("costs.properties"), "embedder.Embedding.fixedMs = 3\n");
        assertThatThrownBy(() -> CostModel.load(file)).isInstanceOf(Ayo4jException.class)
                .hasMessageContaining("unknown cost key 'embedder.Embedding.fixedMs'")
                .hasMessageContaining("costs.properties");
    }

    @Test
    void rejectsAnUnknownCoefficientNamingIt(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("costs.properties"), "llm.Prefill.speed = 3\n");
        assertThatThrownBy(() -> CostModel.load(file)).isInstanceOf(Ayo4jException.class)
                .hasMessageContaining("'speed'").hasMessageContaining("llm.Prefill.speed");
    }
}
