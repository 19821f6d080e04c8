// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.models;

import dev.ayo4j.Choices;
import dev.ayo4j.engine.llamacpp.gguf.ModelShape;
import java.util.Locale;

/** The named shapes of random-weight synthetic models, as the command line spells them. */
public enum SyntheticShape {
    /** {@link ModelShape#QWEN25_05B}: a Qwen2.5-0.5B-shaped body, about 380 MB; realistic compute. */
    QWEN25_05B("qwen2.5-0.5b", ModelShape.QWEN25_05B),
    /** {@link ModelShape#SMALL_25M}: about 25M parameters; runs in seconds on 2 cores. */
    SMALL("small", ModelShape.SMALL_25M),
    /** {@link ModelShape#TINY}: about 5M parameters, for tests. */
    TINY("tiny", ModelShape.TINY);

    private final String label;
    private final ModelShape shape;

    SyntheticShape(String label, ModelShape shape) {
        this.label = label;
        this.shape = shape;
    }

    /** The command-line name, e.g. {@code small}. */
    public String label() {
        return label;
    }

    /** The model shape. */
    public ModelShape shape() {
        return shape;
    }

    /** The shape called {@code label}, ignoring case; the message lists the known ones. */
    public static SyntheticShape of(String label) {
        return Choices.byName("model shape", label, values(), SyntheticShape::label);
    }

    @Override
    public String toString() {
        return label.toLowerCase(Locale.ROOT);
    }
}
