// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.bench.app;

import dev.ayo4j.app.Role;
import dev.ayo4j.local.LocalStack;
import dev.ayo4j.local.LocalStackOptions;
import dev.ayo4j.runtime.EngineProviders;
import dev.ayo4j.runtime.EngineSpec;
import dev.ayo4j.spi.Engine;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * This machine's engines, from a {@link LocalStack}: each run reopens the LLM (empty prompt cache) and
 * opens a reranker of its own, because the similarity reranker caches passage vectors by text, which
 * would let a later run skip work an earlier one did.
 *
 * <p>{@link #withThreads} places them otherwise: each run opens an LLM, an embedder and a reranker of its
 * own with other thread counts than the stack's, on the stack's vector store (and so its corpus).
 */
public final class LocalEngines implements EngineSource {
    private final LocalStack stack;
    private final @Nullable LocalStackOptions own;
    private final @Nullable EngineProviders providers;

    public LocalEngines(LocalStack stack) {
        this(stack, null);
    }

    private LocalEngines(LocalStack stack, @Nullable LocalStackOptions own) {
        this.stack = Objects.requireNonNull(stack, "stack");
        this.own = own;
        this.providers = own == null ? null : EngineProviders.load();
    }

    /**
     * Runs on engines of their own, made like the stack's but with {@code threads}: the LLM with
     * {@link Placement.Threads#llm()} decoding and {@link Placement.Threads#llmBatch()} processing prompts
     * (polling or not: {@link Placement.Threads#llmPolls()}), the embedder and the reranker with {@link Placement.Threads#encoder()}
     * each; the stack's vector store. Ingestion goes through the stack's engines.
     */
    public static LocalEngines withThreads(LocalStack stack, Placement.Threads threads) {
        return new LocalEngines(stack, specsWithThreads(stack.options(), threads));
    }

    /** {@code options} with {@code threads}: what {@link #withThreads} opens its engines from. */
    static LocalStackOptions specsWithThreads(LocalStackOptions options, Placement.Threads threads) {
        return options.withThreads(threads.llm(), threads.llmBatch(), threads.llmPolls(), threads.encoder());
    }

    @Override
    public Engines open() {
        if (own == null) {
            stack.reopenLlm();
            Engine reranker = stack.openAnother(Role.RERANKER);
            return new Engines(stack.llm(), stack.embedder(), reranker, stack.vectors());
        }
        EngineProviders p = Objects.requireNonNull(providers);
        Engine llm = p.create(own.llmSpec());
        Engine embedder = null;
        try {
            embedder = p.create(spec(own, Role.EMBEDDER));
            return new Engines(llm, embedder, p.create(spec(own, Role.RERANKER)), stack.vectors());
        } catch (RuntimeException e) {
            llm.close();
            if (embedder != null) {
                embedder.close();
            }
            throw e;
        }
    }

    private static EngineSpec spec(LocalStackOptions options, Role role) {
        return options.specs().stream().filter(s -> s.roles().contains(role)).findFirst().orElseThrow();
    }

    @Override
    public void close(Engines engines) {
        engines.reranker().close();
        if (own != null) {
            engines.embedder().close();
            engines.llm().close();
        }
    }

    @Override
    public Engines forIngestion() {
        return new Engines(stack.llm(), stack.embedder(), stack.reranker(), stack.vectors());
    }
}
