// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.local;

import dev.ayo4j.app.EngineNames;
import dev.ayo4j.engine.llamacpp.LlamaCppEngine;
import dev.ayo4j.engine.llamacpp.LlamaCppOptions;
import dev.ayo4j.engine.lucene.LuceneVectorStore;
import dev.ayo4j.engine.onnx.BundledEncoder;
import dev.ayo4j.engine.onnx.EncoderModel;
import dev.ayo4j.engine.onnx.EncoderOptions;
import dev.ayo4j.engine.onnx.OnnxEmbeddingEngine;
import dev.ayo4j.engine.onnx.OnnxRerankEngine;
import dev.ayo4j.runtime.Ayo4jRuntime;
import java.util.Objects;

/**
 * The embedded engines of one machine, wired under the built-in apps' engine names: llama.cpp for
 * {@code llm}, all-MiniLM-L6-v2 on ONNX Runtime for {@code embedder}, an embedding-similarity reranker
 * on the stronger bge-small-en-v1.5 for {@code reranker} (no cross-encoder ships in any package; give
 * one to the ONNX engine to use it instead), and Lucene for {@code vectors}.
 *
 * <p>Runtimes made by {@link #newRuntime()} share these engines and do not close them; the stack
 * closes them. Not thread-safe for {@link #reopenLlm()}: call it between runs.
 */
public final class LocalStack implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(LocalStack.class.getName());

    private final LocalStackOptions options;
    private final OnnxEmbeddingEngine embedder;
    private final OnnxRerankEngine reranker;
    private final LuceneVectorStore vectors;
    private LlamaCppEngine llm;

    private LocalStack(LocalStackOptions options, OnnxEmbeddingEngine embedder, OnnxRerankEngine reranker,
                       LuceneVectorStore vectors, LlamaCppEngine llm) {
        this.options = options;
        this.embedder = embedder;
        this.reranker = reranker;
        this.vectors = vectors;
        this.llm = llm;
    }

    /** Opens every engine; closes what was opened if a later one fails. */
    public static LocalStack open(LocalStackOptions options) {
        Objects.requireNonNull(options, "options");
        EngineNames names = EngineNames.DEFAULT;
        EncoderOptions encoderOptions = EncoderOptions.DEFAULTS.withThreads(options.encoderThreads());
        OnnxEmbeddingEngine embedder = null;
        OnnxRerankEngine reranker = null;
        LuceneVectorStore vectors = null;
        try {
            embedder = new OnnxEmbeddingEngine(names.embedder(),
                    EncoderModel.bundled(BundledEncoder.ALL_MINILM_L6_V2, encoderOptions));
            reranker = OnnxRerankEngine.similarity(names.reranker(),
                    EncoderModel.bundled(BundledEncoder.BGE_SMALL_EN_V15, encoderOptions));
            vectors = LuceneVectorStore.builder(names.vectors(), options.dataDir()).build();
            LlamaCppEngine llm = openLlm(options);
            LOG.log(System.Logger.Level.INFO, "engines: llm={0} ({1} threads), embedder={2}, reranker={3}, vectors={4}",
                    options.model(), options.llmThreads(), embedder.model().name(), reranker.modelName(),
                    options.dataDir());
            return new LocalStack(options, embedder, reranker, vectors, llm);
        } catch (RuntimeException e) {
            for (AutoCloseable c : new AutoCloseable[] {embedder, reranker, vectors}) {
                closeQuietly(c, e);
            }
            throw e;
        }
    }

    private static LlamaCppEngine openLlm(LocalStackOptions options) {
        return LlamaCppEngine.open(LlamaCppOptions.builder().name(EngineNames.DEFAULT.llm()).model(options.model())
                .threads(options.llmThreads()).slots(options.llmSlots()).ctxSize(options.ctxSize())
                .ignoreEos(options.synthetic())
                .listItemPattern(options.synthetic() ? LocalStackOptions.SYNTHETIC_LIST_ITEM : null).build());
    }

    public LocalStackOptions options() {
        return options;
    }

    public LlamaCppEngine llm() {
        return llm;
    }

    public OnnxEmbeddingEngine embedder() {
        return embedder;
    }

    public OnnxRerankEngine reranker() {
        return reranker;
    }

    public LuceneVectorStore vectors() {
        return vectors;
    }

    /**
     * Closes and reopens the LLM, emptying its prompt cache, so that a run does not profit from prefixes
     * a previous run left in the cache: comparisons between runs stay fair.
     */
    public void reopenLlm() {
        llm.close();
        llm = openLlm(options);
    }

    /** A runtime over these engines, with the runtime's default batch policies. */
    public Ayo4jRuntime newRuntime() {
        return runtimeBuilder().build();
    }

    /** A runtime builder holding these engines (not owned: the stack closes them), to adjust and build. */
    public Ayo4jRuntime.Builder runtimeBuilder() {
        return Ayo4jRuntime.builder().engine(llm).engine(embedder).engine(reranker).engine(vectors);
    }

    @Override
    public void close() {
        RuntimeException first = null;
        for (AutoCloseable c : new AutoCloseable[] {llm, embedder, reranker, vectors}) {
            try {
                c.close();
            } catch (Exception e) {
                if (first == null) {
                    first = new IllegalStateException("closing " + c + " failed", e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    private static void closeQuietly(AutoCloseable c, Exception cause) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception e) {
            cause.addSuppressed(e);
        }
    }
}
