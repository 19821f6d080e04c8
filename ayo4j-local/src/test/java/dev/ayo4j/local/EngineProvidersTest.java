// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ayo4j.Ayo4jException;
import dev.ayo4j.primitive.Primitive;
import dev.ayo4j.runtime.EngineProviders;
import dev.ayo4j.runtime.EngineSpec;
import java.util.Set;
import dev.ayo4j.spi.Engine;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EngineProvidersTest {
    @TempDir
    Path dir;

    @Test
    void findsTheEmbeddedEnginesThroughServiceLoader() {
        assertThat(EngineProviders.load().names()).contains("llamacpp", "onnx", "lucene");
    }

    @Test
    void createsAnEngineByProviderName() {
        try (Engine store = EngineProviders.load().create(EngineSpec.of("vectors", "lucene",
                Map.of("root", dir.toString()), Set.of()))) {
            assertThat(store.name()).isEqualTo("vectors");
            assertThat(store.capabilities().primitives()).contains(Primitive.Ingest.class, Primitive.VectorSearch.class);
        }
    }

    @Test
    void anUnknownProviderIsNamedWithTheKnownOnes() {
        assertThatThrownBy(() -> EngineProviders.load().create(EngineSpec.of("x", "tensorrt", Map.of(), Set.of())))
                .isInstanceOf(Ayo4jException.class).hasMessageContaining("'tensorrt'").hasMessageContaining("lucene");
    }
}
