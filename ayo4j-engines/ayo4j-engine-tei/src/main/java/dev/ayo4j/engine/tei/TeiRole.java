// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.engine.tei;

/** Which endpoint of a TEI server an engine calls: a TEI server runs either an embedder or a reranker. */
enum TeiRole {
    /** {@code POST /embed}: serves {@code Embed}. */
    EMBED,
    /** {@code POST /rerank}: serves {@code Rerank}. */
    RERANK
}
