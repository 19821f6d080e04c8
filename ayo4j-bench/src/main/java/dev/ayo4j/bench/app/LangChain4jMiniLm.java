// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.bench.app;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.ayo4j.Ayo4jException;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.Executor;

/**
 * LangChain4j's in-process all-MiniLM-L6-v2 embedding model (the model and tokenizer that
 * {@link AllMiniLmL6V2EmbeddingModel} ships, its {@link OnnxBertBiEncoder} and its {@code embedAll}),
 * with the ONNX Runtime session limited to a given number of intra-op threads. LangChain4j's own class
 * opens its session with ONNX Runtime's defaults, one thread per core, which would give it more cores
 * than the ayo4j embedder it is compared with.
 */
final class LangChain4jMiniLm extends AbstractInProcessEmbeddingModel {
    private static final String MODEL = "/all-minilm-l6-v2.onnx";
    private static final String TOKENIZER = "/all-minilm-l6-v2-tokenizer.json";

    private final OnnxBertBiEncoder encoder;

    private LangChain4jMiniLm(Executor executor, OnnxBertBiEncoder encoder) {
        super(executor);
        this.encoder = encoder;
    }

    /** The model on {@code threads} intra-op threads, embedding on {@code executor}. */
    static LangChain4jMiniLm open(int threads, Executor executor) {
        try (InputStream model = resource(MODEL); InputStream tokenizer = resource(TOKENIZER);
             OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(threads);
            options.setInterOpNumThreads(1);
            OrtEnvironment env = OrtEnvironment.getEnvironment();
            OrtSession session = env.createSession(model.readAllBytes(), options);
            return new LangChain4jMiniLm(executor, new OnnxBertBiEncoder(env, session, tokenizer, PoolingMode.MEAN));
        } catch (IOException | OrtException e) {
            throw new Ayo4jException("cannot open LangChain4j's all-MiniLM-L6-v2: " + e.getMessage(), e);
        }
    }

    private static InputStream resource(String name) {
        InputStream in = AllMiniLmL6V2EmbeddingModel.class.getResourceAsStream(name);
        if (in == null) {
            throw new Ayo4jException("LangChain4j's all-MiniLM-L6-v2 jar has no " + name);
        }
        return in;
    }

    @Override
    protected OnnxBertBiEncoder model() {
        return encoder;
    }

    @Override
    protected Integer knownDimension() {
        return 384;
    }
}
