// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ayo4j.engine.llamacpp.gguf.GgufFile;
import dev.ayo4j.engine.llamacpp.gguf.GgufReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyntheticModelTest {
    @TempDir
    Path dir;

    @Test
    void writesALoadableRandomModelOfTheShape() {
        SyntheticModel.Random random = new SyntheticModel.Random(SyntheticShape.TINY, 7);
        Path out = dir.resolve("nested").resolve(random.fileName());

        ModelInfo info = random.writeTo(out);

        GgufFile header = GgufReader.read(out);
        assertThat(header.architecture()).isEqualTo("llama");
        assertThat(header.integer("llama.embedding_length")).isEqualTo(256L);
        assertThat(info.runnable()).isTrue();
        assertThat(random.fileName()).isEqualTo("random-tiny-seed7.gguf");
        assertThat(random.describe()).contains("meaningless");
        assertThat(dir.resolve("nested")).isDirectoryNotContaining("glob:**.tmp");
    }

    @Test
    void writesChainModels() {
        Path chain = dir.resolve("chain.gguf");
        Path json = dir.resolve("json.gguf");

        new SyntheticModel.Chain("the cat sat").writeTo(chain);
        new SyntheticModel.JsonChain(List.of("a b", "c d")).writeTo(json);

        assertThat(GgufReader.read(chain).architecture()).isEqualTo("llama");
        assertThat(GgufReader.read(json).architecture()).isEqualTo("llama");
        assertThat(new SyntheticModel.JsonChain(List.of("a b", "c d")).describe()).contains("[\"a b\", \"c d\"]");
    }

    @Test
    void namesShapesAsTheCommandLineDoes() {
        assertThat(SyntheticShape.of("qwen2.5-0.5b")).isEqualTo(SyntheticShape.QWEN25_05B);
        assertThat(SyntheticShape.of("SMALL")).isEqualTo(SyntheticShape.SMALL);
        assertThatThrownBy(() -> SyntheticShape.of("huge")).hasMessageContaining("qwen2.5-0.5b, small, tiny");
        assertThatThrownBy(() -> new SyntheticModel.JsonChain(List.of("bad \"quote\"")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** Two writers at once used one fixed temporary name, and one failed with NoSuchFileException. */
    @Test
    void concurrentWritersOfOneModelBothSucceed() throws Exception {
        Path out = dir.resolve("chain.gguf");
        SyntheticModel chain = new SyntheticModel.Chain("the cat sat");
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            List<Future<ModelInfo>> writes = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                writes.add(pool.submit(() -> chain.writeTo(out)));
            }
            for (Future<ModelInfo> w : writes) {
                assertThat(w.get().runnable()).isTrue();
            }
        }
        assertThat(GgufReader.read(out).architecture()).isEqualTo("llama");
        assertThat(dir).isDirectoryNotContaining("glob:**.tmp");
    }

    @Test
    void concurrentResolversWriteTheSyntheticModelOnce() throws Exception {
        ModelCache cache = new ModelCache(dir.resolve("cache"));
        ModelResolver resolver = new ModelResolver(cache, SyntheticShape.TINY);
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            List<Future<ResolvedModel>> resolved = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                resolved.add(pool.submit(resolver::synthetic));
            }
            for (Future<ResolvedModel> r : resolved) {
                assertThat(GgufReader.read(r.get().path()).architecture()).isEqualTo("llama");
            }
        }
        assertThat(cache.syntheticDir()).isDirectoryNotContaining("glob:**.tmp");
    }
}
