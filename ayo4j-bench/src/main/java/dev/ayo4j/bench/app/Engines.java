// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.bench.app;

import dev.ayo4j.runtime.Ayo4jRuntime;
import dev.ayo4j.runtime.RunListener;
import dev.ayo4j.spi.Engine;
import java.util.Objects;

/**
 * The engines one measured run uses: the stack's LLM (freshly reopened), embedder and vector store, and
 * a reranker opened for this run alone, so that no run profits from vectors the similarity reranker
 * cached (by passage text) in another system's run.
 */
public record Engines(Engine llm, Engine embedder, Engine reranker, Engine vectors) {
    public Engines {
        Objects.requireNonNull(llm, "llm");
        Objects.requireNonNull(embedder, "embedder");
        Objects.requireNonNull(reranker, "reranker");
        Objects.requireNonNull(vectors, "vectors");
    }

    /** A runtime over these engines with the default batch policies; it does not close them. */
    public Ayo4jRuntime newRuntime() {
        return newRuntime(RunListener.NONE);
    }

    /** As {@link #newRuntime()}, and {@code listener} hears every run. */
    public Ayo4jRuntime newRuntime(RunListener listener) {
        return Ayo4jRuntime.builder().engine(llm).engine(embedder).engine(reranker).engine(vectors).listener(listener)
                .build();
    }
}
