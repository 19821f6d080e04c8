// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.engine.llamacpp;

import de.kherud.llama.InferenceParameters;
import de.kherud.llama.LlamaIterator;
import de.kherud.llama.LlamaModel;
import de.kherud.llama.LlamaOutput;
import dev.ayo4j.NonRetriableEngineException;
import dev.ayo4j.spi.GenerationStream;

/**
 * Virtual thread that moves one llama.cpp streaming request into a {@link GenerationStream}.
 *
 * <p>Cancellation is cooperative: {@link #cancel()} only sets a flag, and the pump calls
 * {@link LlamaIterator#cancel()} itself before its next read, because cancelling from another thread
 * while this one waits for a token could leave that wait without an answer.
 */
final class GenerationPump {
    private final LlamaModel model;
    private final InferenceParameters params;
    private final GenerationStream stream;
    private final int promptTokens;
    private final Lifecycle lifecycle;
    private final Runnable onEnd;
    private volatile boolean cancelled;

    /** {@code onEnd} runs once the request has left llama.cpp, however it ended. */
    GenerationPump(LlamaModel model, InferenceParameters params, GenerationStream stream, int promptTokens,
                   Lifecycle lifecycle, Runnable onEnd) {
        this.model = model;
        this.params = params;
        this.stream = stream;
        this.promptTokens = promptTokens;
        this.lifecycle = lifecycle;
        this.onEnd = onEnd;
    }

    /** Starts streaming; if the engine is closed the stream fails instead. */
    void start(String engineName) {
        if (!lifecycle.enter(this)) {
            onEnd.run();
            stream.fail(new NonRetriableEngineException("engine " + engineName + " is closed"));
            return;
        }
        // A platform thread: the pump blocks in native code for every token, which would pin a virtual
        // thread's carrier for the whole generation.
        Thread.ofPlatform().daemon().name("llamacpp-generation").start(this::run);
    }

    /** Asks the pump to stop before its next token. */
    void cancel() {
        cancelled = true;
    }

    /** Stops the pump and fails its stream: the engine is closing. */
    void abort(String engineName) {
        cancelled = true;
        stream.fail(new NonRetriableEngineException("engine " + engineName + " closed during the generation"));
    }

    private void run() {
        try {
            LlamaIterator it = model.generate(params).iterator();
            boolean first = true;
            int empty = 0;
            while (it.hasNext()) {
                if (cancelled) {
                    it.cancel();
                    break;
                }
                LlamaOutput out = it.next();
                if (first) {
                    stream.markPrefilled(promptTokens);
                    first = false;
                }
                // An output with empty text is still a generated token (a control token, or bytes of a
                // character not complete yet), except the empty output the library adds at the very end:
                // count empty ones only once another output follows them.
                if (out.text.isEmpty()) {
                    empty++;
                } else {
                    stream.append(out.text, 1 + empty);
                    empty = 0;
                }
            }
            if (empty > 1) {
                stream.append("", empty - 1);
            }
            stream.complete();
        } catch (RuntimeException e) {
            stream.fail(new NonRetriableEngineException("llama.cpp generation failed: " + e.getMessage(), e));
        } finally {
            onEnd.run();
            lifecycle.exit(this);
        }
    }
}
