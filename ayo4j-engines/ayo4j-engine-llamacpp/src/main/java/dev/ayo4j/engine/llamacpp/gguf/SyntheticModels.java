// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.engine.llamacpp.gguf;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Factory of synthetic GGUF models for tests and benchmarks, made without any model hub: chain models
 * whose greedy output is a fixed text, and random-weight models of a real model's shape.
 *
 * <p>All methods write a new file (replacing {@code out}) and are safe to call from several threads
 * for different files. I/O failures are thrown as {@link java.io.UncheckedIOException} naming the file.
 */
public final class SyntheticModels {
    private SyntheticModels() {}

    /**
     * Writes a chain model that generates {@code text} after any prompt that does not end inside the
     * chain ({@link ChainModel.Entry#ANY_TOKEN}), then stops with EOS.
     */
    public static ChainModel writeChain(Path out, String text) {
        return writeChain(out, text, ChainModel.Entry.ANY_TOKEN);
    }

    /** Writes a chain model for {@code text} entered as {@code entry} says. */
    public static ChainModel writeChain(Path out, String text, ChainModel.Entry entry) {
        ChainModel model = ChainModel.of(text, entry);
        model.write(Objects.requireNonNull(out, "out"));
        return model;
    }

    /**
     * Writes a chain model that generates the JSON array of {@code items}, formatted as
     * {@link #jsonList(List)} does, e.g. {@code ["alpha beta", "gamma delta"]}. The vocabulary holds the
     * pieces {@code ["}, {@code ", "} and {@code "]}, so items close in the middle of the token stream
     * as they would with a real model.
     */
    public static ChainModel writeJsonListChain(Path out, List<String> items) {
        String text = jsonList(items);
        Vocabulary.Builder builder = Vocabulary.builder().addWords(EnglishWords.COMMON)
                .addPiece("[\"").addPiece("\"," + Vocabulary.SPACE + "\"").addPiece("\"]");
        for (String item : items) {
            builder.addText(item);
        }
        ChainModel model = ChainModel.of(text, builder, ChainModel.Entry.ANY_TOKEN);
        model.write(Objects.requireNonNull(out, "out"));
        return model;
    }

    /** The JSON text a JSON-list chain model generates; items must not need escaping. */
    public static String jsonList(List<String> items) {
        if (items.isEmpty()) {
            throw new IllegalArgumentException("a JSON list chain needs at least one item");
        }
        for (String item : items) {
            if (item.isEmpty() || item.chars().anyMatch(c -> c == '"' || c == '\\' || c < 0x20)) {
                throw new IllegalArgumentException(
                        "JSON list items must be non-empty and free of quotes, backslashes and control characters: '"
                                + item + "'");
            }
        }
        return items.stream().map(i -> "\"" + i + "\"").collect(Collectors.joining(", ", "[", "]"));
    }

    /** Writes a random-weight model of {@code shape} with Q8_0 matrices. */
    public static void writeRandom(Path out, ModelShape shape, long seed) {
        writeRandom(out, shape, GgmlType.Q8_0, seed);
    }

    /** Writes a random-weight model of {@code shape} with matrices of {@code type}. */
    public static void writeRandom(Path out, ModelShape shape, GgmlType type, long seed) {
        RandomModel.write(Objects.requireNonNull(out, "out"), Objects.requireNonNull(shape, "shape"), type, seed);
    }
}
