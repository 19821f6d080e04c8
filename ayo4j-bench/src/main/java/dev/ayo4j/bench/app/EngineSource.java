// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.bench.app;

/**
 * Where a benchmark's engines come from: this machine's engines ({@link LocalEngines}), or devices
 * modeled on them ({@code dev.ayo4j.bench.devices.ModeledDevices}). Not thread-safe: runs are opened and
 * closed one after the other.
 */
public interface EngineSource {
    /**
     * Engines for one measured run: an LLM with an empty prompt cache and a reranker no other run has
     * used; the embedder and the vector store (with the corpus) are shared by every run.
     */
    Engines open();

    /**
     * Ends the run {@link #open} began, closing what it opened for that run alone: by default its LLM, then its
     * reranker.
     */
    default void close(Engines engines) {
        engines.llm().close();
        engines.reranker().close();
    }

    /** Engines to ingest the corpus with, before anything is measured; the vector store is the runs' one. */
    Engines forIngestion();
}
