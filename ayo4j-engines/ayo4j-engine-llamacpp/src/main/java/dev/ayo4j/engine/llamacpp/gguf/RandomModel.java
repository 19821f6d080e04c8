// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.engine.llamacpp.gguf;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Llama model with random weights of a given shape: the compute of a real model, meaningless text.
 * Norm weights are ones; matrices are uniform with the standard deviation of a fresh initialisation,
 * generated row by row from a per-tensor seed so that large models stream to disk.
 */
final class RandomModel {
    private static final double STD = 0.02;

    private RandomModel() {}

    static void write(Path out, ModelShape shape, GgmlType matrices, long seed) {
        Vocabulary vocab = Vocabulary.english(shape.vocab());
        double a = STD * Math.sqrt(3);
        LlamaGguf.write(out, "ayo4j-random-" + shape.dim() + "x" + shape.layers(), shape, vocab, matrices,
                (name, type, dims) -> o -> {
                    float[] row = new float[(int) dims[0]];
                    long rows = dims.length > 1 ? dims[1] : 1;
                    if (name.endsWith("norm.weight")) {
                        Arrays.fill(row, 1f);
                        RowWriter.write(o, type, row);
                        return;
                    }
                    SplittableRandom rnd = new SplittableRandom(seed ^ name.hashCode() * 0x9E3779B97F4A7C15L);
                    for (long r = 0; r < rows; r++) {
                        for (int i = 0; i < row.length; i++) {
                            row[i] = (float) ((rnd.nextDouble() * 2 - 1) * a);
                        }
                        RowWriter.write(o, type, row);
                    }
                });
    }
}
