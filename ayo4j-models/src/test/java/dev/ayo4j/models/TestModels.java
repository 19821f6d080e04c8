// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.models;

import dev.ayo4j.engine.llamacpp.gguf.GgmlType;
import dev.ayo4j.engine.llamacpp.gguf.GgufWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Small GGUF files for tests: a valid header with one F32 tensor, a few dozen KiB in all. */
final class TestModels {
    private TestModels() {}

    /** The bytes of a GGUF file of {@code architecture} with a 64 x 128 F32 tensor. */
    static byte[] gguf(Path scratch, String architecture) {
        Path file = scratch.resolve("fixture-" + architecture + ".gguf");
        writeGguf(file, architecture);
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes a GGUF file of {@code architecture} to {@code file}. */
    static void writeGguf(Path file, String architecture) {
        new GgufWriter().putString("general.architecture", architecture).putString("general.name", "fixture")
                .addTensor("token_embd.weight", GgmlType.F32, new long[] {64, 128}, out -> {
                    for (int i = 0; i < 64 * 128; i++) {
                        out.f32((float) Math.sin(i));
                    }
                })
                .write(file);
    }
}
