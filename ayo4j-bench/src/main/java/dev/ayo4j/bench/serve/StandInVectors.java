// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.bench.serve;

import dev.ayo4j.spi.CollectionAdmin;
import dev.ayo4j.spi.ForwardingEngine;

/**
 * A benchmark's vector store in front of an engine it owns, answering the collection API the server needs:
 * deleting a document removes nothing (the corpus is ingested once, before anything is measured), and closing
 * the store closes the engine.
 */
interface StandInVectors extends ForwardingEngine, CollectionAdmin {
    @Override
    default int deleteSource(String collection, String source) {
        return 0;
    }

    @Override
    default void close() {
        delegate().close();
    }
}
