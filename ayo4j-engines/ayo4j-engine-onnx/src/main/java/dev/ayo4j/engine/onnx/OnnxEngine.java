// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.engine.onnx;

import dev.ayo4j.primitive.Primitive;
import dev.ayo4j.spi.AbstractEngine;
import dev.ayo4j.spi.EngineCapabilities;
import dev.ayo4j.spi.EngineDescription;
import dev.ayo4j.spi.Task;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What the ONNX engines share: they own their model, close it once, refuse batches after that, describe
 * themselves as provider {@code onnxruntime} with their model's name, and tokenize a task's texts the
 * same way.
 */
abstract sealed class OnnxEngine extends AbstractEngine permits OnnxEmbeddingEngine, OnnxRerankEngine {
    private final AtomicBoolean closed = new AtomicBoolean();

    OnnxEngine(String name, EngineCapabilities capabilities) {
        super(name, capabilities);
    }

    /** The name of the model the engine runs. */
    abstract String modelName();

    /** Closes the model the engine owns; called once. */
    abstract void closeModel();

    /** Provider {@code onnxruntime}, model the encoder's name. */
    @Override
    public final EngineDescription description() {
        return new EngineDescription("onnxruntime", modelName());
    }

    /** Throws {@link #closedError()} once the engine is closed. */
    final void requireOpen() {
        if (closed.get()) {
            throw closedError();
        }
    }

    /**
     * The tokens of the {@code Embed} texts of {@code task} by {@code model}; under {@link Overflow#REJECT}
     * a text longer than the window throws, naming the task.
     */
    static List<Tokens> tokenize(EncoderModel model, Task task) {
        return model.tokenizeAll(task.input(Primitive.Embed.TEXTS), "task " + task.id() + ": ");
    }

    /** Tokens in {@code tokens}, for a task's {@code tokensIn}. */
    static int length(List<Tokens> tokens) {
        int n = 0;
        for (Tokens t : tokens) {
            n += t.length();
        }
        return n;
    }

    @Override
    public final void close() {
        if (closed.compareAndSet(false, true)) {
            closeModel();
        }
    }
}
