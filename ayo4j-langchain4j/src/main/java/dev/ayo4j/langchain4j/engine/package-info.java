// SPDX-License-Identifier: Apache-2.0
/**
 * LangChain4j models as ayo4j engines, the other way round from {@code dev.ayo4j.langchain4j}: a
 * {@code ChatModel} or {@code StreamingChatModel} serves {@code Prefill} (and answers {@code
 * PartialPrefill} as not done), an {@code EmbeddingModel} serves {@code Embed}, a {@code ScoringModel}
 * serves {@code Rerank}, and an {@code EmbeddingStore<TextSegment>} serves {@code Ingest} and {@code
 * VectorSearch}. They are created only through the {@code langchain4j} engine provider, with the model
 * handed over in the engine configuration; {@link dev.ayo4j.langchain4j.engine.LangChain4jEngines} builds
 * such configurations. What does not belong here: LangChain4j's own orchestration (chains, memories,
 * retrieval augmentors), which ayo4j's graph replaces.
 */
@NullMarked
package dev.ayo4j.langchain4j.engine;

import org.jspecify.annotations.NullMarked;
