// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.engine.lucene;

import dev.ayo4j.primitive.Primitive;
import dev.ayo4j.spi.Batch;
import dev.ayo4j.spi.Passage;
import dev.ayo4j.spi.Task;
import dev.ayo4j.spi.TaskId;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.store.FSDirectory;

/**
 * Child-process main for {@link LuceneVectorStoreTest}: ingests batch A through the store (committed),
 * then starts batch B on the same index, flushes its segment files to disk without committing and
 * halts the JVM with the write lock held: a crash in the middle of an ingest.
 */
public final class CrashingIngest {
    static final int DIM = 16;
    static final int PER_BATCH = 40;
    static final int EXIT_CODE = 3;

    private CrashingIngest() {}

    static List<float[]> vectors(long seed) {
        Random r = new Random(seed);
        return Vectors.uniform(r, PER_BATCH, DIM);
    }

    static Task ingest(String node, List<Passage> passages, List<float[]> vectors) {
        return Task.of(new TaskId("crash", node), new Primitive.Ingest("store", "docs", passages.size()),
                Map.of(Primitive.Ingest.PASSAGES.name(), passages, Primitive.Ingest.VECTORS.name(), vectors));
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]);
        try (var store = LuceneVectorStore.builder("store", root).build()) {
            store.execute(new Batch(1, List.of(ingest("a", Vectors.passages("a", PER_BATCH), vectors(1)))));
        }
        var writer = new IndexWriter(FSDirectory.open(root.resolve("docs")), new IndexWriterConfig());
        List<Passage> b = Vectors.passages("b", PER_BATCH);
        List<float[]> vb = vectors(2);
        for (int i = 0; i < PER_BATCH; i++) {
            Document doc = new Document();
            doc.add(new StringField(VectorCollection.ID, b.get(i).id(), Field.Store.YES));
            doc.add(new StoredField(VectorCollection.TEXT, b.get(i).text()));
            doc.add(new StoredField(VectorCollection.SOURCE, b.get(i).source()));
            doc.add(new KnnFloatVectorField(VectorCollection.VECTOR, vb.get(i), VectorSimilarityFunction.DOT_PRODUCT));
            writer.updateDocument(new Term(VectorCollection.ID, b.get(i).id()), doc);
        }
        writer.flush();
        Runtime.getRuntime().halt(EXIT_CODE);
    }
}
