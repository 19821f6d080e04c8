// SPDX-License-Identifier: Apache-2.0
/**
 * Embedded, durable vector store on Apache Lucene serving {@code Ingest} and {@code VectorSearch}:
 * one index directory per collection under a root folder.
 *
 * <p>Embedding, reranking and merging across engines do not belong here.
 */
@NullMarked
package dev.ayo4j.engine.lucene;

import org.jspecify.annotations.NullMarked;
