// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.bench.serve;

import dev.ayo4j.api.Ayo4j;
import dev.ayo4j.bench.app.Engines;
import dev.langchain4j.model.embedding.EmbeddingModel;

/**
 * The engines both systems of {@code bench serve} run on, opened twice alike: once behind the ayo4j
 * server's entry point, once for the LangChain4j pipeline (its LLM and reranker, and LangChain4j's own
 * embedding model for its in-memory store), so the two never share a queue or a prompt cache. Not
 * thread-safe: opened once at the start of a benchmark, closed at its end.
 */
public interface ServeStack extends AutoCloseable {
    /** One line for the report: the model and where each engine runs. */
    String describe();

    /** A new entry point on the stack's engines, for system (a); the caller closes it. */
    Ayo4j openAyo4j();

    /** The engines of system (b); this stack closes them. */
    Engines langChain4jEngines();

    /** LangChain4j's own embedding model for system (b)'s in-memory store; this stack closes it. */
    EmbeddingModel langChain4jEmbeddings();

    /** Closes what the stack opened for system (b). */
    @Override
    void close();
}
