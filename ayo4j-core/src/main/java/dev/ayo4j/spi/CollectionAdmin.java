// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.spi;

import java.util.List;

/**
 * What a vector-store engine offers besides its primitives, for managing its collections: implemented by
 * engines that serve {@code Ingest} and {@code VectorSearch} and can list and delete. Thread-safe.
 */
public interface CollectionAdmin {
    /** Names of the collections the store holds, sorted. */
    List<String> collections();

    /** Passages in {@code collection}; 0 when it does not exist. */
    int size(String collection);

    /**
     * Deletes every passage of {@code collection} whose source is {@code source} (a document's name);
     * returns how many were deleted, 0 when none (deleting is idempotent).
     */
    int deleteSource(String collection, String source);
}
