// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.api;

import dev.ayo4j.app.Apps;
import dev.ayo4j.local.Chunker;
import dev.ayo4j.local.Document;
import dev.ayo4j.spi.CollectionAdmin;
import dev.ayo4j.spi.Passage;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The {@link CollectionCatalog} of an {@link Ayo4j}: ingestion runs the {@code ingest} app (embed, then
 * store) through the same planner and runtime as every query; listing and deleting go to the vector
 * store's {@link CollectionAdmin}.
 */
final class Catalog implements CollectionCatalog {
    private final Ayo4j ayo;
    private final Chunker chunker = new Chunker(Chunker.DEFAULT_MAX_WORDS);
    private volatile PreparedApp ingest;

    Catalog(Ayo4j ayo) {
        this.ayo = ayo;
    }

    @Override
    public IngestReport ingest(String collection, List<Document> documents) {
        Objects.requireNonNull(collection, "collection");
        dev.ayo4j.Checks.argument(!collection.isBlank(), "collection name must not be blank");
        CollectionAdmin admin = ayo.admin();
        List<Passage> passages = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        int kept = 0;
        for (Document d : documents) {
            List<Passage> p = chunker.chunk(d);
            if (p.isEmpty()) {
                skipped.add(d.name() + ": blank document");
                continue;
            }
            kept++;
            // A document ingested again replaces its passages, even when it now has fewer.
            admin.deleteSource(collection, d.name());
            passages.addAll(p);
        }
        if (!passages.isEmpty()) {
            ingestApp().run(Inputs.of(Apps.PASSAGES, passages).collection(collection));
        }
        return new IngestReport(collection, kept, passages.size(), skipped);
    }

    private PreparedApp ingestApp() {
        PreparedApp p = ingest;
        if (p == null) {
            p = ayo.prepare(Apps.ingest());
            ingest = p;
        }
        return p;
    }

    @Override
    public int delete(String collection, String id) {
        return ayo.admin().deleteSource(collection, id);
    }

    @Override
    public List<CollectionInfo> list() {
        CollectionAdmin admin = ayo.admin();
        return admin.collections().stream().map(c -> new CollectionInfo(c, admin.size(c))).toList();
    }
}
