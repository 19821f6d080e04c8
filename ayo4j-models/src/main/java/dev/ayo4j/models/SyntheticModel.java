// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.models;

import dev.ayo4j.engine.llamacpp.gguf.SyntheticModels;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Objects;

/**
 * Recipe for a synthetic GGUF model written on this machine, by way of the llama.cpp engine's
 * {@link SyntheticModels}: a {@link Chain} or {@link JsonChain} model whose greedy output is a fixed
 * text, or a {@link Random} model of a real shape whose output is meaningless.
 */
public sealed interface SyntheticModel {
    /** The default text of a chain model. */
    String DEFAULT_TEXT = "Once upon a time, there was a little dog named Max.";
    /** The default items of a JSON-list chain model. */
    List<String> DEFAULT_ITEMS = List.of("alpha beta", "gamma delta", "epsilon zeta");
    /** The default seed of random weights. */
    long DEFAULT_SEED = 42;

    /** A chain model that generates {@code text} after any prompt, then stops. */
    record Chain(String text) implements SyntheticModel {
        public Chain {
            Objects.requireNonNull(text, "text");
            if (text.isBlank()) {
                throw new IllegalArgumentException("a chain model needs a non-blank text");
            }
        }

        @Override
        public String fileName() {
            return "chain-" + Integer.toHexString(text.hashCode()) + ".gguf";
        }

        @Override
        public String describe() {
            return "chain model: greedy decoding yields exactly \"" + text + "\"";
        }
    }

    /** A chain model that generates the JSON list of {@code items}, e.g. for a query-expansion step. */
    record JsonChain(List<String> items) implements SyntheticModel {
        public JsonChain {
            items = List.copyOf(items);
            SyntheticModels.jsonList(items);
        }

        @Override
        public String fileName() {
            return "json-chain-" + Integer.toHexString(items.hashCode()) + ".gguf";
        }

        @Override
        public String describe() {
            return "JSON-list chain model: greedy decoding yields exactly " + SyntheticModels.jsonList(items);
        }
    }

    /** A model of {@code shape} with random Q8_0 weights drawn from {@code seed}. */
    record Random(SyntheticShape shape, long seed) implements SyntheticModel {
        public Random {
            Objects.requireNonNull(shape, "shape");
        }

        @Override
        public String fileName() {
            return "random-" + shape.label() + "-seed" + seed + ".gguf";
        }

        @Override
        public String describe() {
            return String.format("random-weight model of shape %s (%,d parameters): it runs like a real model of"
                    + " that shape, but the text it generates is meaningless", shape.label(),
                    shape.shape().parameters());
        }
    }

    /** A file name that tells the recipe apart from others, e.g. {@code random-small-seed42.gguf}. */
    String fileName();

    /** One sentence for people saying what the model generates. */
    String describe();

    /**
     * Writes the model to {@code out}, replacing it; the file appears atomically, so a reader never sees
     * half a model. Each writer writes its own uniquely named temporary file beside {@code out}, so two
     * processes writing the same model at once both succeed. Returns what its header says.
     */
    default ModelInfo writeTo(Path out) {
        Path target = out.toAbsolutePath();
        Path tmp = null;
        try {
            Files.createDirectories(target.getParent());
            tmp = Files.createTempFile(target.getParent(), "." + target.getFileName() + ".", ".tmp");
            switch (this) {
                case Chain c -> SyntheticModels.writeChain(tmp, c.text());
                case JsonChain j -> SyntheticModels.writeJsonListChain(tmp, j.items());
                case Random r -> SyntheticModels.writeRandom(tmp, r.shape().shape(), r.seed());
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the synthetic model " + target + ": " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException e) {
                    System.getLogger(SyntheticModel.class.getName()).log(System.Logger.Level.WARNING,
                            "cannot delete " + tmp, e);
                }
            }
        }
        return GgufCheck.requireRunnable(target);
    }
}
