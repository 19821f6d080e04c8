// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.models;

import java.nio.file.Path;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a GGUF header says about a model file, as checked by {@link GgufCheck}.
 *
 * @param path         the file
 * @param bytes        its size
 * @param ggufVersion  GGUF format version (2 or 3)
 * @param architecture {@code general.architecture}, e.g. {@code llama} or {@code qwen2}
 * @param name         {@code general.name}, or null when the file has none
 * @param tensors      number of tensors
 * @param runnable     whether the bundled llama.cpp knows the architecture
 */
public record ModelInfo(Path path, long bytes, int ggufVersion, String architecture, @Nullable String name,
        int tensors, boolean runnable) {
    public ModelInfo {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(architecture, "architecture");
    }

    /** One line for people: architecture, name, tensors and size. */
    public String summary() {
        return String.format("architecture %s%s, GGUF v%d, %d tensors, %s%s", architecture,
                name == null ? "" : " (" + name + ")", ggufVersion, tensors, ProgressBar.formatBytes(bytes),
                runnable ? "" : ", NOT runnable by the bundled llama.cpp");
    }
}
