// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.models;

import dev.ayo4j.engine.llamacpp.ModelFileCheck;
import dev.ayo4j.engine.llamacpp.gguf.GgufFile;
import dev.ayo4j.engine.llamacpp.gguf.GgufFormatException;
import dev.ayo4j.engine.llamacpp.gguf.GgufReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;

/**
 * Checks of a model file's GGUF header (magic, version, architecture) before anything loads it; every
 * failure is an {@link InvalidModelException} naming the file.
 */
public final class GgufCheck {
    private GgufCheck() {}

    /**
     * Reads the header of {@code file}: it must exist and be GGUF v2 or v3 declaring an architecture.
     * The architecture need not be runnable; see {@link ModelInfo#runnable()}.
     *
     * @throws InvalidModelException naming the file and the problem
     */
    public static ModelInfo inspect(Path file) {
        if (Files.isDirectory(file)) {
            throw new InvalidModelException("model " + file.toAbsolutePath() + " is a folder; give the GGUF file"
                    + " in it" + ggufFilesIn(file));
        }
        if (!Files.isRegularFile(file)) {
            throw new InvalidModelException("model file not found: " + file.toAbsolutePath());
        }
        GgufFile header;
        try {
            header = GgufReader.read(file);
        } catch (GgufFormatException e) {
            throw new InvalidModelException(e.getMessage(), e);
        }
        String architecture = header.architecture();
        if (architecture == null) {
            throw new InvalidModelException(
                    "GGUF file " + file + " declares no general.architecture, so llama.cpp cannot load it");
        }
        long bytes;
        try {
            bytes = Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the size of " + file, e);
        }
        requireTensorData(file, header, bytes);
        return new ModelInfo(file, bytes, header.version(), architecture, header.string("general.name"),
                header.tensors().size(), ModelFileCheck.ARCHITECTURES.contains(architecture));
    }

    /** The file must hold every tensor its table lists: a cut download or copy ends before the last one. */
    private static void requireTensorData(Path file, GgufFile header, long bytes) {
        long needed = header.dataOffset();
        String last = null;
        for (GgufFile.TensorInfo t : header.tensors()) {
            if (t.type() == null) {
                return; // a type this reader does not know: llama.cpp will judge the sizes
            }
            long elements = 1;
            for (long d : t.dims()) {
                elements = Math.multiplyExact(elements, d);
            }
            long end = header.dataOffset() + t.offset() + t.type().byteSize(elements);
            if (end > needed) {
                needed = end;
                last = t.name();
            }
        }
        if (bytes < needed) {
            throw new InvalidModelException(String.format("GGUF file %s is truncated: it has %,d bytes, but its tensor"
                    + " table needs %,d (tensor %s ends there); download or copy it again", file, bytes, needed, last));
        }
    }

    private static String ggufFilesIn(Path dir) {
        try (var files = Files.list(dir)) {
            List<String> names = files.map(p -> p.getFileName().toString())
                    .filter(n -> n.toLowerCase(java.util.Locale.ROOT).endsWith(".gguf")).sorted().limit(5).toList();
            return names.isEmpty() ? " (it holds no .gguf file)" : ", e.g. --model " + dir.resolve(names.getFirst());
        } catch (IOException e) {
            return "";
        }
    }

    /**
     * Like {@link #inspect(Path)}, and also requires an architecture the bundled llama.cpp runs.
     *
     * @throws InvalidModelException naming the file, its architecture and the supported ones
     */
    public static ModelInfo requireRunnable(Path file) {
        ModelInfo info = inspect(file);
        if (!info.runnable()) {
            throw new InvalidModelException(String.format(
                    "GGUF file %s has architecture '%s', which the bundled llama.cpp (build 4916) cannot run;"
                            + " supported: %s", file, info.architecture(), new TreeSet<>(ModelFileCheck.ARCHITECTURES)));
        }
        return info;
    }
}
