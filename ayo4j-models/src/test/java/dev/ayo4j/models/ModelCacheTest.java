// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelCacheTest {
    @TempDir
    Path dir;

    @Test
    void defaultRootFollowsAyo4jHome() {
        assertThat(ModelCache.defaultRoot(Map.of("AYO4J_HOME", dir.toString()))).isEqualTo(dir.resolve("models"));
        assertThat(ModelCache.defaultRoot(Map.of()))
                .isEqualTo(Path.of(System.getProperty("user.home"), ".ayo4j", "models"));
    }

    @Test
    void laysOutFilesByOwnerRepoAndFile() throws IOException {
        ModelCache cache = new ModelCache(dir);
        Path file = cache.path("acme/model-GGUF", "sub/model.gguf");

        assertThat(file).isEqualTo(dir.resolve("acme").resolve("model-GGUF").resolve("sub").resolve("model.gguf"));
        assertThat(cache.find("acme/model-GGUF", "sub/model.gguf")).isEmpty();
        Files.createDirectories(file.getParent());
        Files.write(file, new byte[3]);
        assertThat(cache.find("acme/model-GGUF", "sub/model.gguf")).contains(file);
    }

    @Test
    void listsPulledPartialAndSyntheticFilesByName() throws IOException {
        ModelCache cache = new ModelCache(dir);
        write(cache.path("b/repo", "x.gguf"), 5);
        write(cache.partPath("a/repo", "y.gguf"), 2);
        write(cache.syntheticDir().resolve("random-tiny-seed42.gguf"), 7);
        write(cache.syntheticDir().resolve(".random-tiny-seed42.gguf.tmp"), 1);
        write(dir.resolve(".meta").resolve("b/repo/x.gguf.json"), 1);

        assertThat(cache.list()).extracting(CachedModel::name, CachedModel::kind, CachedModel::bytes).containsExactly(
                tuple("a/repo/y.gguf", CachedModel.Kind.PARTIAL, 2L),
                tuple("b/repo/x.gguf", CachedModel.Kind.PULLED, 5L),
                tuple("synthetic/random-tiny-seed42.gguf", CachedModel.Kind.SYNTHETIC, 7L));
    }

    @Test
    void rejectsNamesThatEscapeTheCacheOrCollideWithSynthetic() {
        ModelCache cache = new ModelCache(dir);

        assertThatThrownBy(() -> cache.path("../x", "m.gguf")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> cache.path("a/b/c", "m.gguf")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> cache.path("synthetic/x", "m.gguf")).hasMessageContaining("reserved");
        assertThatThrownBy(() -> cache.path("a/b", "/etc/passwd")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> cache.path("a/b", "m.gguf.part")).isInstanceOf(IllegalArgumentException.class);
    }

    private static void write(Path file, int bytes) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, new byte[bytes]);
    }
}
