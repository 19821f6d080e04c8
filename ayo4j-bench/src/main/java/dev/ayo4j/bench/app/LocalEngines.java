// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.bench.app;

import dev.ayo4j.app.Role;
import dev.ayo4j.spi.Engine;
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
        Engine reranker = stack.openAnother(Role.RERANKER);
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
