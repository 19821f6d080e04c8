// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.langchain4j.engine;

import static dev.langchain4j.store.embedding.filter.MetadataFilterBuilder.metadataKey;

import dev.ayo4j.primitive.Primitive;
import dev.ayo4j.spi.Batch;
import dev.ayo4j.spi.Passage;
import dev.ayo4j.spi.Signal;
import dev.ayo4j.spi.Task;
import dev.ayo4j.spi.TaskResult;
import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.EmbeddingStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Vector store engine on a LangChain4j {@code EmbeddingStore<TextSegment>}. {@code Ingest} stores each
 * passage under an id derived from its collection and passage id, with the passage id, source and
 * collection in the segment's metadata, after removing what was stored under those ids before (so
 * ingesting twice keeps one copy, in stores that can remove by id). {@code VectorSearch} searches the
 * store once per query vector, filtered by collection, and merges the matches by passage id keeping the
 * best score, best first.
 */
final class StoreEngine extends ModelEngine {
    /** Metadata key of the passage id. */
    static final String ID = "ayo4j_id";
    /** Metadata key of the passage's source. */
    static final String SOURCE = "ayo4j_source";
    /** Metadata key of the collection. */
    static final String COLLECTION = "ayo4j_collection";

    private final EmbeddingStore<TextSegment> store;

    StoreEngine(String name, Limits limits, EmbeddingStore<TextSegment> store) {
        super(name, "store", limits, Set.of(Primitive.Ingest.class, Primitive.VectorSearch.class));
        this.store = store;
    }

    @Override
    public List<TaskResult> execute(Batch batch) {
        return eachTask(batch, t -> switch (t.op()) {
            case Primitive.Ingest op -> ingest(t, op);
            case Primitive.VectorSearch op -> search(t, op);
            default -> throw new IllegalArgumentException("a store engine does not run " + t.op().kindName());
        });
    }

    private TaskResult ingest(Task t, Primitive.Ingest op) {
        List<Passage> passages = t.input(Primitive.Ingest.PASSAGES);
        List<float[]> vectors = t.input(Primitive.Ingest.VECTORS);
        if (passages.size() != vectors.size()) {
            throw new IllegalArgumentException(String.format("%d passages but %d vectors", passages.size(),
                    vectors.size()));
        }
        List<String> ids = new ArrayList<>(passages.size());
        List<Embedding> embeddings = new ArrayList<>(passages.size());
        List<TextSegment> segments = new ArrayList<>(passages.size());
        for (int i = 0; i < passages.size(); i++) {
            Passage p = passages.get(i);
            ids.add(op.collection() + "/" + p.id());
            embeddings.add(Embedding.from(vectors.get(i)));
            segments.add(TextSegment.from(p.text(), new Metadata(Map.of(ID, p.id(), SOURCE, p.source(),
                    COLLECTION, op.collection()))));
        }
        try {
            store.removeAll(ids);
        } catch (UnsupportedOperationException e) {
            // A store that cannot remove by id keeps earlier copies; searches merge them by passage id.
        }
        store.addAll(ids, embeddings, segments);
        return TaskResult.success(Signal.done(passages.size() + " passages in collection " + op.collection()),
                passages.size(), 0);
    }

    private TaskResult search(Task t, Primitive.VectorSearch op) {
        Map<String, Passage> best = new LinkedHashMap<>();
        for (float[] v : t.input(Primitive.VectorSearch.VECTORS)) {
            EmbeddingSearchRequest request = EmbeddingSearchRequest.builder().queryEmbedding(Embedding.from(v))
                    .maxResults(op.topK()).filter(metadataKey(COLLECTION).isEqualTo(op.collection())).build();
            for (EmbeddingMatch<TextSegment> m : store.search(request).matches()) {
                Passage p = passage(m);
                best.merge(p.id(), p, (a, b) -> a.score() >= b.score() ? a : b);
            }
        }
        List<Passage> found = new ArrayList<>(best.values());
        found.sort(Passage.BEST_FIRST);
        return TaskResult.success(List.copyOf(found));
    }

    private static Passage passage(EmbeddingMatch<TextSegment> m) {
        TextSegment s = m.embedded();
        if (s == null) {
            return new Passage(m.embeddingId(), "", m.score(), m.embeddingId());
        }
        String id = s.metadata().getString(ID);
        String source = s.metadata().getString(SOURCE);
        return new Passage(id == null ? m.embeddingId() : id, s.text(), m.score(), source == null ? "" : source);
    }

}
