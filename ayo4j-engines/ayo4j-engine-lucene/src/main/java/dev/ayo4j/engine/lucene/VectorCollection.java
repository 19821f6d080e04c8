// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.engine.lucene;

import dev.ayo4j.NonRetriableEngineException;
import dev.ayo4j.spi.Passage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.FieldInfos;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;
import org.jspecify.annotations.Nullable;

/**
 * One collection: a Lucene index in its own directory, its writer and a searcher refreshed after each
 * commit.
 *
 * <p>A passage may also hold a similarity reranker's vector, computed at ingestion, in a second vector
 * field that is stored rather than indexed: a search returns it with the passage
 * ({@link Passage#rerankVector()}), so the reranker embeds only the query. Re-ingesting a passage
 * replaces its whole document, vectors included, so a stored reranker vector always belongs to the
 * passage's current text; a passage ingested without one has none, and the reranker embeds it.
 *
 * <p>Ingest is idempotent by passage id ({@code updateDocument}) and durable: each call ends with a
 * commit, so after a crash the index holds exactly the calls that returned. Writes are serialised;
 * searches run concurrently on the last committed snapshot. Scores are cosine similarities (dot
 * products of unit vectors), whichever search path produced them.
 */
final class VectorCollection implements AutoCloseable {
    static final String ID = "id";
    static final String TEXT = "text";
    static final String SOURCE = "source";
    /**
     * The source again, indexed (not stored) so that a document's passages can be deleted by it; a field
     * of its own, because Lucene refuses to index a field that earlier segments only stored.
     */
    static final String SOURCE_KEY = "source.key";
    static final String VECTOR = "vector";
    /** A similarity reranker's passage vector, stored (read per hit, never searched). */
    static final String RERANK_VECTOR = "rerank_vector";
    /** The reranker engine that computed {@link #RERANK_VECTOR}. */
    static final String RERANK_ENGINE = "rerank_engine";
    /** Slack on the squared norm of a unit vector, for float rounding. */
    private static final double UNIT_TOLERANCE = 1e-3;

    private final String name;
    private final FSDirectory directory;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private volatile int dimension;

    VectorCollection(String name, Path dir) throws IOException {
        this.name = name;
        this.directory = FSDirectory.open(dir);
        IndexWriter w = null;
        try {
            w = new IndexWriter(directory, new IndexWriterConfig().setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND));
            this.writer = w;
            this.searchers = new SearcherManager(writer, null);
        } catch (IOException | RuntimeException e) {
            if (w != null) {
                w.close();
            }
            directory.close();
            throw e;
        }
        IndexSearcher s = searchers.acquire();
        try {
            FieldInfo info = FieldInfos.getMergedFieldInfos(s.getIndexReader()).fieldInfo(VECTOR);
            this.dimension = info == null ? 0 : info.getVectorDimension();
        } finally {
            searchers.release(s);
        }
    }

    /** Vector length of this collection; 0 while it is empty. */
    int dimension() {
        return dimension;
    }

    /** Live passages in the last committed snapshot. */
    int size() throws IOException {
        IndexSearcher s = searchers.acquire();
        try {
            return s.getIndexReader().numDocs();
        } finally {
            searchers.release(s);
        }
    }

    /**
     * Adds or replaces passages by id, then commits and refreshes the searcher. {@code rerankVectors},
     * when not null, holds one vector of reranker engine {@code reranker} per passage.
     */
    synchronized void ingest(List<Passage> passages, List<float[]> vectors, @Nullable String reranker,
                             @Nullable List<float[]> rerankVectors) throws IOException {
        if (passages.size() != vectors.size()) {
            throw new NonRetriableEngineException("collection " + name + ": " + passages.size() + " passages but "
                    + vectors.size() + " vectors");
        }
        if ((reranker == null) != (rerankVectors == null)) {
            throw new NonRetriableEngineException("collection " + name
                    + ": reranker vectors need the reranker's name, and the name needs the vectors");
        }
        if (rerankVectors != null && rerankVectors.size() != passages.size()) {
            throw new NonRetriableEngineException("collection " + name + ": " + passages.size() + " passages but "
                    + rerankVectors.size() + " reranker vectors");
        }
        int dim = dimension != 0 ? dimension : vectors.isEmpty() ? 0 : vectors.getFirst().length;
        for (int i = 0; i < vectors.size(); i++) {
            checkDimension(vectors.get(i), dim, "vector " + i);
        }
        for (int i = 0; i < passages.size(); i++) {
            Passage p = passages.get(i);
            Document doc = new Document();
            doc.add(new StringField(ID, p.id(), Field.Store.YES));
            doc.add(new StoredField(TEXT, p.text()));
            doc.add(new StoredField(SOURCE, p.source()));
            doc.add(new StringField(SOURCE_KEY, p.source(), Field.Store.NO));
            doc.add(new KnnFloatVectorField(VECTOR, vectors.get(i), VectorSimilarityFunction.DOT_PRODUCT));
            if (rerankVectors != null) {
                doc.add(new StoredField(RERANK_ENGINE, reranker));
                doc.add(new StoredField(RERANK_VECTOR, new BytesRef(bytes(rerankVectors.get(i), "reranker vector " + i))));
            }
            writer.updateDocument(new Term(ID, p.id()), doc);
        }
        writer.commit();
        searchers.maybeRefreshBlocking();
        dimension = dim;
    }

    /** Deletes every passage whose source is {@code source}, commits; returns how many were deleted. */
    synchronized int deleteSource(String source) throws IOException {
        int before = size();
        writer.deleteDocuments(new Term(SOURCE_KEY, source));
        writer.commit();
        searchers.maybeRefreshBlocking();
        return before - size();
    }

    /** Id → text of every live passage in the last committed snapshot. */
    java.util.Map<String, String> texts() throws IOException {
        IndexSearcher s = searchers.acquire();
        try {
            var texts = new java.util.HashMap<String, String>();
            for (LeafReaderContext leaf : s.getIndexReader().leaves()) {
                Bits live = leaf.reader().getLiveDocs();
                StoredFields stored = leaf.reader().storedFields();
                for (int doc = 0; doc < leaf.reader().maxDoc(); doc++) {
                    if (live == null || live.get(doc)) {
                        Document d = stored.document(doc, java.util.Set.of(ID, TEXT));
                        texts.put(d.get(ID), d.get(TEXT));
                    }
                }
            }
            return texts;
        } finally {
            searchers.release(s);
        }
    }

    /** Deletes the passages with these ids (absent ones are ignored), then commits and refreshes. */
    synchronized void delete(java.util.Collection<String> ids) throws IOException {
        if (ids.isEmpty()) {
            return;
        }
        writer.deleteDocuments(ids.stream().map(id -> new Term(ID, id)).toArray(Term[]::new));
        writer.commit();
        searchers.maybeRefreshBlocking();
    }

    private void checkDimension(float[] v, int dim, String what) {
        if (v.length != dim) {
            throw new NonRetriableEngineException("collection " + name + ": " + what + " has dimension " + v.length
                    + ", but the collection's vectors have dimension " + dim);
        }
        double norm = 0;
        for (float x : v) {
            norm += (double) x * x;
        }
        if (Math.abs(norm - 1.0) > UNIT_TOLERANCE) {
            throw new NonRetriableEngineException("collection " + name + ": " + what + " is not a unit vector (norm "
                    + Math.sqrt(norm) + "); the store scores by dot product and needs L2-normalised vectors");
        }
    }

    /**
     * The {@code topK} nearest passages of each query, merged by id keeping the best score, best first.
     *
     * @param exactBelow brute-force search when the collection holds fewer live passages than this
     * @param overFetch  HNSW candidates per query as a multiple of {@code topK}
     */
    List<Passage> search(List<float[]> queries, int topK, int exactBelow, int overFetch) throws IOException {
        IndexSearcher s = searchers.acquire();
        try {
            if (s.getIndexReader().numDocs() == 0) {
                return List.of();
            }
            var merged = new java.util.HashMap<String, Passage>();
            boolean exact = s.getIndexReader().numDocs() < exactBelow;
            for (int q = 0; q < queries.size(); q++) {
                checkDimension(queries.get(q), dimension, "query vector " + q);
                List<ScoreDoc> hits = exact ? exact(s, queries.get(q), topK) : hnsw(s, queries.get(q), topK, overFetch);
                StoredFields stored = s.storedFields();
                for (ScoreDoc hit : hits) {
                    Document doc = stored.document(hit.doc);
                    var p = new Passage(doc.get(ID), doc.get(TEXT), cosine(hit.score), doc.get(SOURCE),
                            rerankVector(doc));
                    merged.merge(p.id(), p, (a, b) -> a.score() >= b.score() ? a : b);
                }
            }
            return merged.values().stream().sorted(Passage.BEST_FIRST).toList();
        } finally {
            searchers.release(s);
        }
    }

    private byte[] bytes(float[] v, String what) {
        if (v.length == 0) {
            throw new NonRetriableEngineException("collection " + name + ": " + what + " is empty");
        }
        ByteBuffer buf = ByteBuffer.allocate(v.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        buf.asFloatBuffer().put(v);
        return buf.array();
    }

    private static Passage.@Nullable RerankVector rerankVector(Document doc) {
        BytesRef raw = doc.getBinaryValue(RERANK_VECTOR);
        String engine = doc.get(RERANK_ENGINE);
        if (raw == null || engine == null) {
            return null;
        }
        float[] v = new float[raw.length / Float.BYTES];
        ByteBuffer.wrap(raw.bytes, raw.offset, raw.length).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v);
        return new Passage.RerankVector(engine, v);
    }

    /** Lucene scores DOT_PRODUCT as {@code (1 + dot) / 2}; callers get the cosine back. */
    private static double cosine(float luceneScore) {
        return 2.0 * luceneScore - 1.0;
    }

    private static List<ScoreDoc> hnsw(IndexSearcher s, float[] q, int topK, int overFetch) throws IOException {
        int k = (int) Math.min((long) topK * overFetch, Integer.MAX_VALUE);
        TopDocs top = s.search(new KnnFloatVectorQuery(VECTOR, q, k), k);
        List<ScoreDoc> hits = new ArrayList<>(List.of(top.scoreDocs));
        return hits.subList(0, Math.min(topK, hits.size()));
    }

    /** Brute force over every live vector, scored exactly as the HNSW path scores. */
    private static List<ScoreDoc> exact(IndexSearcher s, float[] q, int topK) throws IOException {
        var heap = new PriorityQueue<ScoreDoc>((a, b) -> a.score != b.score
                ? Float.compare(a.score, b.score) : Integer.compare(b.doc, a.doc));
        for (LeafReaderContext leaf : s.getIndexReader().leaves()) {
            FloatVectorValues values = leaf.reader().getFloatVectorValues(VECTOR);
            if (values == null) {
                continue;
            }
            Bits live = leaf.reader().getLiveDocs();
            for (int ord = 0; ord < values.size(); ord++) {
                int doc = values.ordToDoc(ord);
                if (live != null && !live.get(doc)) {
                    continue;
                }
                float score = VectorSimilarityFunction.DOT_PRODUCT.compare(q, values.vectorValue(ord));
                heap.add(new ScoreDoc(leaf.docBase + doc, score));
                if (heap.size() > topK) {
                    heap.poll();
                }
            }
        }
        List<ScoreDoc> hits = new ArrayList<>(heap);
        hits.sort((a, b) -> Float.compare(b.score, a.score));
        return hits;
    }

    @Override
    public synchronized void close() throws IOException {
        try (directory; writer; searchers) {
            // closed in reverse order: searchers, writer (commits nothing new), directory
        }
    }
}
