package dev.ayo4j.app;

import dev.ayo4j.primitive.RerankScoring;
import java.util.Objects;

/**
 * Names of the engines an app's primitives are addressed to; the runtime binds each name to an engine.
 *
 * @param llm      generates text (query expansion, answers)
 * @param embedder embeds passages and queries
 * @param reranker scores passages against the question
 * @param vectors  the vector store that holds the app's collection
 * @param rerankScoring how the reranker scores: {@link RerankScoring#PAIR} for a cross-encoder, whose
 *                 work must stay at query time
 */
public record EngineNames(String llm, String embedder, String reranker, String vectors,
                          RerankScoring rerankScoring) {
    /** {@code llm}, {@code embedder}, {@code reranker}, {@code vectors}. */
    public static final EngineNames DEFAULT = new EngineNames("llm", "embedder", "reranker", "vectors");

    public EngineNames {
        Objects.requireNonNull(llm, "llm");
        Objects.requireNonNull(embedder, "embedder");
        Objects.requireNonNull(reranker, "reranker");
        Objects.requireNonNull(vectors, "vectors");
        Objects.requireNonNull(rerankScoring, "rerankScoring");
    }

    /** Engine names with a similarity reranker, as the bundled default reranker is. */
    public EngineNames(String llm, String embedder, String reranker, String vectors) {
        this(llm, embedder, reranker, vectors, RerankScoring.SIMILARITY);
    }
}
