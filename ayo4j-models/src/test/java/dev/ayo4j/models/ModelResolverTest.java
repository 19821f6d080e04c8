// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelResolverTest {
    @TempDir
    Path dir;

    private ModelCache cache() {
        return new ModelCache(dir.resolve("models"));
    }

    /** Writes a GGUF of {@code architecture} where a pull of {@code repo}'s {@code model.gguf} puts it in {@code cache}. */
    private static Path pulled(ModelCache cache, String repo, String architecture) throws IOException {
        Path path = cache.path(repo, "model.gguf");
        Files.createDirectories(path.getParent());
        TestModels.writeGguf(path, architecture);
        return path;
    }

    @Test
    void writesTheSyntheticModelOnceWhenNothingElseIsThere() throws IOException {
        ModelResolver resolver = new ModelResolver(cache(), SyntheticShape.TINY);

        ResolvedModel first = resolver.resolve(Optional.empty());

        assertThat(first.kind()).isEqualTo(ResolvedModel.Kind.SYNTHETIC);
        assertThat(first.meaningfulText()).isFalse();
        assertThat(first.description()).contains("synthetic model").contains("the answer text is meaningless");
        assertThat(first.path()).startsWith(cache().syntheticDir());
        assertThat(GgufCheck.requireRunnable(first.path()).architecture()).isEqualTo("llama");
        FileTime old = FileTime.fromMillis(1_000_000_000_000L);
        Files.setLastModifiedTime(first.path(), old);

        ResolvedModel second = resolver.resolve(Optional.empty());

        assertThat(second).isEqualTo(first);
        assertThat(Files.getLastModifiedTime(second.path())).as("not written again").isEqualTo(old);
        assertThat(cache().list()).extracting(CachedModel::kind).containsExactly(CachedModel.Kind.SYNTHETIC);
    }

    @Test
    void prefersAPulledModelOverASyntheticOne() throws IOException {
        ModelCache cache = cache();
        Path pulled = pulled(cache, "acme/model-GGUF", "qwen2");
        pulled(cache, "aaa/first-by-name", "qwen9"); // first by name, but not runnable

        ResolvedModel resolved = new ModelResolver(cache, SyntheticShape.TINY).resolve(Optional.empty());

        assertThat(resolved.kind()).isEqualTo(ResolvedModel.Kind.PULLED);
        assertThat(resolved.path()).isEqualTo(pulled);
        assertThat(resolved.description()).contains("acme/model-GGUF/model.gguf").contains("qwen2");
        assertThat(resolved.meaningfulText()).isTrue();
        assertThat(cache.syntheticDir()).doesNotExist();
    }

    @Test
    void prefersTheGivenModelOverAPulledOne() throws IOException {
        ModelCache cache = cache();
        pulled(cache, "acme/model-GGUF", "llama");
        Path given = dir.resolve("mine.gguf");
        TestModels.writeGguf(given, "gemma2");

        ResolvedModel resolved = new ModelResolver(cache).resolve(Optional.of(given));

        assertThat(resolved.kind()).isEqualTo(ResolvedModel.Kind.GIVEN);
        assertThat(resolved.path()).isEqualTo(given);
        assertThat(resolved.description()).contains("gemma2");
    }

    @Test
    void rejectsAGivenFileThatIsMissingNotGgufOrUnsupported() throws IOException {
        ModelResolver resolver = new ModelResolver(cache());
        Path missing = dir.resolve("missing.gguf");
        Path text = Files.writeString(dir.resolve("notes.gguf"), "hello, this is not a model at all",
                StandardCharsets.UTF_8);
        Path future = dir.resolve("future.gguf");
        TestModels.writeGguf(future, "qwen9");

        assertThatThrownBy(() -> resolver.resolve(Optional.of(missing))).isInstanceOf(InvalidModelException.class)
                .hasMessageContaining("not found").hasMessageContaining(missing.toString());
        assertThatThrownBy(() -> resolver.resolve(Optional.of(text))).isInstanceOf(InvalidModelException.class)
                .hasMessageContaining("not a GGUF file").hasMessageContaining(text.toString());
        assertThatThrownBy(() -> resolver.resolve(Optional.of(future))).isInstanceOf(InvalidModelException.class)
                .hasMessageContaining("architecture 'qwen9'").hasMessageContaining(future.toString());
    }

    @Test
    void namesAFolderGivenAsModelAndATruncatedFile() throws IOException {
        ModelResolver resolver = new ModelResolver(cache());
        Path folder = Files.createDirectories(dir.resolve("models"));
        Path whole = folder.resolve("whole.gguf");
        TestModels.writeGguf(whole, "llama");
        byte[] bytes = Files.readAllBytes(whole);
        Path cut = Files.write(dir.resolve("cut.gguf"), java.util.Arrays.copyOf(bytes, bytes.length - 1000));

        assertThatThrownBy(() -> resolver.resolve(Optional.of(folder))).isInstanceOf(InvalidModelException.class)
                .hasMessageContaining("is a folder").hasMessageContaining("--model " + whole)
                .hasMessageNotContaining("not found");
        assertThatThrownBy(() -> resolver.resolve(Optional.of(cut))).isInstanceOf(InvalidModelException.class)
                .hasMessageContaining("is truncated").hasMessageContaining("token_embd.weight")
                .hasMessageContaining(cut.toString());
        assertThat(resolver.resolve(Optional.of(whole)).path()).isEqualTo(whole);
    }
}
