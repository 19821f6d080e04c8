// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.bench.app;

import dev.ayo4j.engine.onnx.BundledEncoder;
import dev.ayo4j.engine.onnx.EncoderModel;
import dev.ayo4j.engine.onnx.EncoderOptions;
import dev.ayo4j.engine.onnx.OnnxRerankEngine;
import dev.ayo4j.local.LocalStack;
import java.util.Objects;

/**
 * This machine's engines, from a {@link LocalStack}: each run reopens the LLM (empty prompt cache) and
 * opens a reranker of its own, because the similarity reranker caches passage vectors by text, which
 * would let a later run skip work an earlier one did.
 */
public final class LocalEngines implements EngineSource {
    private final LocalStack stack;

    public LocalEngines(LocalStack stack) {
        this.stack = Objects.requireNonNull(stack, "stack");
    }

    @Override
    public Engines open() {
        stack.reopenLlm();
        OnnxRerankEngine reranker = OnnxRerankEngine.similarity(stack.reranker().name(),
                EncoderModel.bundled(BundledEncoder.BGE_SMALL_EN_V15,
                        EncoderOptions.DEFAULTS.withThreads(stack.options().encoderThreads())));
        return new Engines(stack.llm(), stack.embedder(), reranker, stack.vectors());
    }

    @Override
    public void close(Engines engines) {
        engines.reranker().close();
    }

    @Override
    public Engines forIngestion() {
        return new Engines(stack.llm(), stack.embedder(), stack.reranker(), stack.vectors());
    }
}
