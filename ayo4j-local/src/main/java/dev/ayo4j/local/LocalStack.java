// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.local;

import dev.ayo4j.app.Role;
import dev.ayo4j.engine.llamacpp.LlamaCppEngine;
import dev.ayo4j.engine.lucene.LuceneVectorStore;
import dev.ayo4j.engine.onnx.OnnxEmbeddingEngine;
import dev.ayo4j.engine.onnx.OnnxRerankEngine;
import dev.ayo4j.runtime.Ayo4jRuntime;
import dev.ayo4j.runtime.EngineProviders;
import dev.ayo4j.runtime.EngineSpec;
import dev.ayo4j.spi.Engine;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The embedded engines of one machine, each created through its provider from
 * {@link LocalStackOptions#specs()} and named after the role it plays: llama.cpp for
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
    private final EngineProviders providers;
    private final OnnxEmbeddingEngine embedder;
    private final OnnxRerankEngine reranker;
    private final LuceneVectorStore vectors;
    private LlamaCppEngine llm;

    private LocalStack(LocalStackOptions options, EngineProviders providers, OnnxEmbeddingEngine embedder,
                       OnnxRerankEngine reranker, LuceneVectorStore vectors, LlamaCppEngine llm) {
        this.options = options;
        this.providers = providers;
        this.embedder = embedder;
        this.reranker = reranker;
        this.vectors = vectors;
        this.llm = llm;
    }

    /** Opens every engine through its provider; closes what was opened if a later one fails. */
    public static LocalStack open(LocalStackOptions options) {
        Objects.requireNonNull(options, "options");
        EngineProviders providers = EngineProviders.load();
        List<Engine> opened = new ArrayList<>();
        try {
            for (EngineSpec spec : options.specs()) {
                opened.add(providers.create(spec));
            }
            LOG.log(System.Logger.Level.INFO, "engines: llm={0} ({1} threads), embedder, reranker, vectors={2}",
                    options.model(), options.llmThreads(), options.dataDir());
            return new LocalStack(options, providers, (OnnxEmbeddingEngine) opened.get(1),
                    (OnnxRerankEngine) opened.get(2), (LuceneVectorStore) opened.get(3), (LlamaCppEngine) opened.get(0));
        } catch (RuntimeException e) {
            for (Engine c : opened) {
                closeQuietly(c, e);
            }
            throw e;
        }
    }

    /** A new engine of this stack's spec {@code role} (e.g. a second reranker with a cache of its own). */
    public Engine openAnother(Role role) {
        EngineSpec spec = options.specs().stream().filter(s -> s.roles().contains(role)).findFirst().orElseThrow();
        return providers.create(spec);
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
        llm = (LlamaCppEngine) providers.create(options.llmSpec());
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
