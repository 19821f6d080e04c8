// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.primitive;

/** How a reranker scores a passage against a query, which decides what of its work can move to ingestion. */
public enum RerankScoring {
    /**
     * A function of the (query, passage) pair, such as a cross-encoder's logit: nothing is known about a
     * passage before its query, so all scoring stays at query time.
     */
    PAIR,
    /**
     * The similarity of a query vector and a passage vector that a bi-encoder computes apart: a passage's
     * vector never depends on the query and can be computed once, at ingestion.
     */
    SIMILARITY
}
