// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.engine.onnx;

import dev.ayo4j.Choices;

/**
 * Encoder model shipped inside a {@code dev.langchain4j:langchain4j-embeddings-*} jar: an fp32 ONNX
 * export and its {@code tokenizer.json}, both at the jar root.
 *
 * <p>Only fp32 models are listed: int8 ({@code -q}) exports quantize per batch, so their vectors
 * change with their batch-mates, which length-aware batching would make visible.
 */
public enum BundledEncoder {
    /**
     * sentence-transformers/all-MiniLM-L6-v2, 384 dimensions, mean pooling, a 128-token window (as its
     * {@code tokenizer.json} declares; the model was trained on 128-token inputs); the default embedder.
     */
    ALL_MINILM_L6_V2("all-minilm-l6-v2", Pooling.MEAN, 128),
    /** BAAI/bge-small-en-v1.5, 384 dimensions, CLS pooling, a 512-token window; the default reranker. */
    BGE_SMALL_EN_V15("bge-small-en-v1.5", Pooling.CLS, 512);

    private final String modelName;
    private final Pooling pooling;
    private final int window;

    BundledEncoder(String modelName, Pooling pooling, int window) {
        this.modelName = modelName;
        this.pooling = pooling;
        this.window = window;
    }

    /** Tokens per input, special tokens included, that the model takes by default. */
    public int window() {
        return window;
    }

    /** The name used in options and logs, e.g. {@code all-minilm-l6-v2}. */
    public String modelName() {
        return modelName;
    }

    /** The pooling the model was trained with. */
    public Pooling pooling() {
        return pooling;
    }

    String onnxResource() {
        return modelName + ".onnx";
    }

    String tokenizerResource() {
        return modelName + "-tokenizer.json";
    }

    /** The model called {@code name}; throws listing the known names otherwise. */
    public static BundledEncoder byName(String name) {
        return Choices.byName("bundled encoder", name, values(), BundledEncoder::modelName);
    }
}
