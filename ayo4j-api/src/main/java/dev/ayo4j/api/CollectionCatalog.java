// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.api;

import dev.ayo4j.local.Document;
import java.util.List;

/**
 * The collections of an {@link Ayo4j}'s vector store: ingest documents (cut into passages as
 * {@code ayo4j run --docs} cuts them, embedded by the embedder and stored by id), delete a document, and
 * list what is stored. Ingesting is idempotent: a document ingested again replaces its passages.
 * Thread-safe.
 */
public interface CollectionCatalog {
    /**
     * Ingests {@code documents} into {@code collection} (created when missing); a document's name is its
     * id, and its passages are {@code name#1}, {@code name#2}, ... Blank documents are skipped and reported.
     */
    IngestReport ingest(String collection, List<Document> documents);

    /** Deletes the document {@code id} from {@code collection}; returns the passages removed (0 if none). */
    int delete(String collection, String id);

    /** The collections stored, sorted by name, with their sizes. */
    List<CollectionInfo> list();

    /** What an ingestion stored. */
    record IngestReport(String collection, int documents, int passages, List<String> skipped) {
        public IngestReport {
            skipped = List.copyOf(skipped);
        }
    }

    /** A collection and how many passages it holds. */
    record CollectionInfo(String name, int passages) {}
}
