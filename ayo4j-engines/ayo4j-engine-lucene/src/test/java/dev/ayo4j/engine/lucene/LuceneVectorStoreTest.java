// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.engine.lucene;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.ayo4j.NonRetriableEngineException;
import dev.ayo4j.primitive.Primitive;
import dev.ayo4j.spi.Batch;
import dev.ayo4j.spi.EngineConfig;
import dev.ayo4j.spi.EngineProvider;
import dev.ayo4j.spi.Passage;
import dev.ayo4j.spi.Signal;
import dev.ayo4j.spi.Task;
import dev.ayo4j.spi.TaskId;
import dev.ayo4j.spi.TaskResult;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LuceneVectorStoreTest {
    @TempDir
    Path root;

    /** Opens the store at {@link #root}. */
    private LuceneVectorStore open() {
        return LuceneVectorStore.builder("store", root).build();
    }

    /**
     * Opens the store at {@link #root} with one passage per vector ingested into collection {@code docs}:
     * {@code p0}, {@code p1}, and so on.
     */
    private LuceneVectorStore openWithDocs(List<float[]> vectors) {
        LuceneVectorStore store = open();
        try {
            ingestAll(store, "docs", Vectors.passages("p", vectors.size()), vectors);
            return store;
        } catch (RuntimeException | Error e) {
            store.close();
            throw e;
        }
    }

    /** The passage of {@code docs} nearest to {@code query}. */
    private static Passage nearest(LuceneVectorStore store, float[] query) {
        return hits(store, search("docs", List.of(query), 1)).getFirst();
    }

    private static Task ingest(String collection, List<Passage> passages, List<float[]> vectors) {
        return Task.of(new TaskId("q", "ingest-" + collection), new Primitive.Ingest("store", collection, Math.max(1,
                passages.size())), Map.of(Primitive.Ingest.PASSAGES.name(), passages, Primitive.Ingest.VECTORS.name(), vectors));
    }

    private static Task search(String collection, List<float[]> queries, int topK) {
        return Task.of(new TaskId("q", "search-" + collection), new Primitive.VectorSearch("store", collection,
                queries.size(), topK), Map.of(Primitive.VectorSearch.VECTORS.name(), queries, Primitive.VectorSearch.INDEX.name(), Signal.done("ready")));
    }

    private static Object value(TaskResult r) {
        assertThat(r).isInstanceOf(TaskResult.Success.class);
        return ((TaskResult.Success) r).value();
    }

    @SuppressWarnings("unchecked")
    private static List<Passage> hits(LuceneVectorStore store, Task search) {
        return (List<Passage>) value(store.execute(new Batch(9, List.of(search))).getFirst());
    }

    private static void ingestAll(LuceneVectorStore store, String collection, List<Passage> p, List<float[]> v) {
        assertThat(value(store.execute(new Batch(8, List.of(ingest(collection, p, v)))).getFirst()))
                .isInstanceOf(Signal.class);
    }

    private static Task ingestWithRerankVectors(String collection, List<Passage> passages, List<float[]> vectors,
                                                List<float[]> rerankVectors) {
        return Task.of(new TaskId("q", "ingest-" + collection), new Primitive.Ingest("store", collection,
                passages.size(), "reranker"), Map.of(Primitive.Ingest.PASSAGES.name(), passages,
                Primitive.Ingest.VECTORS.name(), vectors, Primitive.Ingest.RERANK_VECTORS.name(), rerankVectors));
    }

    @Test
    void returnsTheRerankerVectorsStoredAtIngestAndReplacesThemOnReingest() {
        Random r = new Random(3);
        List<float[]> vectors = Vectors.uniform(r, 6, 8);
        List<float[]> rerank = Vectors.uniform(r, 6, 12);
        List<Passage> passages = Vectors.passages("p", 6);
        try (var store = open()) {
            assertThat(value(store.execute(new Batch(8, List.of(ingestWithRerankVectors("docs", passages, vectors,
                    rerank)))).getFirst())).isInstanceOf(Signal.class);
            List<Passage> found = hits(store, search("docs", List.of(vectors.get(2)), 6));
            assertThat(found).hasSize(6).allSatisfy(p -> {
                int i = Integer.parseInt(p.id().substring(1));
                assertThat(p.rerankVector()).isEqualTo(new Passage.RerankVector("reranker", rerank.get(i)));
            });

            // re-ingest p2 with new reranker vectors, p3 without any: neither keeps a stale vector
            float[] fresh = Vectors.random(r, 12);
            ingestAll(store, "docs", List.of(passages.get(3)), List.of(vectors.get(3)));
            store.execute(new Batch(8, List.of(ingestWithRerankVectors("docs", List.of(passages.get(2)),
                    List.of(vectors.get(2)), List.of(fresh)))));
            Map<String, Passage> byId = hits(store, search("docs", List.of(vectors.get(2)), 6)).stream()
                    .collect(Collectors.toMap(Passage::id, p -> p));
            assertThat(byId.get("p2").rerankVector()).isEqualTo(new Passage.RerankVector("reranker", fresh));
            assertThat(byId.get("p3").rerankVector()).isNull();
            assertThat(byId.get("p4").rerankVector()).isEqualTo(new Passage.RerankVector("reranker", rerank.get(4)));
        }
        // a reopened store reads them back from disk
        try (var store = open()) {
            Passage p4 = nearest(store, vectors.get(4));
            assertThat(p4.rerankVector()).isEqualTo(new Passage.RerankVector("reranker", rerank.get(4)));
        }
    }

    @Test
    void rejectsRerankerVectorsThatDoNotMatchThePassages() {
        Random r = new Random(4);
        List<float[]> vectors = Vectors.uniform(r, 3, 8);
        try (var store = open()) {
            TaskResult result = store.execute(new Batch(8, List.of(ingestWithRerankVectors("docs",
                    Vectors.passages("p", 3), vectors, vectors.subList(0, 2))))).getFirst();
            assertThat(result).isInstanceOfSatisfying(TaskResult.Failure.class,
                    f -> assertThat(f.cause()).hasMessageContaining("3 passages but 2 reranker vectors"));
        }
    }

    @Test
    void findsTheNearestPassage() {
        Random r = new Random(1);
        List<float[]> vectors = Vectors.uniform(r, 30, 8);
        try (var store = openWithDocs(vectors)) {
            List<Passage> found = hits(store, search("docs", List.of(vectors.get(17)), 3));
            assertThat(found).hasSize(3).isSortedAccordingTo(Passage.BEST_FIRST);
            assertThat(found.getFirst().id()).isEqualTo("p17");
            assertThat(found.getFirst().score()).isCloseTo(1.0, within(1e-5));
            assertThat(found.getFirst().text()).isEqualTo("text of p17");
            assertThat(found.getFirst().source()).isEqualTo("doc-p");
        }
    }

    @Test
    void mergesQueriesByIdKeepingTheBestScore() {
        Random r = new Random(2);
        List<float[]> vectors = Vectors.uniform(r, 20, 8);
        try (var store = openWithDocs(vectors)) {
            List<Passage> found = hits(store, search("docs", List.of(vectors.get(3), vectors.get(3), vectors.get(9)), 2));
            assertThat(found.stream().map(Passage::id)).doesNotHaveDuplicates().contains("p3", "p9");
            assertThat(found).hasSizeBetween(2, 4).isSortedAccordingTo(Passage.BEST_FIRST);
        }
    }

    @Test
    void reingestingAnIdReplacesIt() {
        Random r = new Random(3);
        List<float[]> vectors = Vectors.uniform(r, 10, 8);
        try (var store = openWithDocs(vectors)) {
            ingestAll(store, "docs", List.of(new Passage("p4", "new text", 0, "v2")), List.of(vectors.get(4)));
            assertThat(store.size("docs")).isEqualTo(10);
            assertThat(nearest(store, vectors.get(4)).text()).isEqualTo("new text");
        }
    }

    @Test
    void listsTextsByIdAndDeletesDurably() {
        Random r = new Random(5);
        List<float[]> vectors = Vectors.uniform(r, 6, 8);
        try (var store = open()) {
            assertThat(store.texts("docs")).isEmpty();
            ingestAll(store, "docs", Vectors.passages("p", 6), vectors);
            store.delete("docs", List.of("p1", "p4", "absent"));
            assertThat(store.texts("docs")).containsOnlyKeys("p0", "p2", "p3", "p5").containsEntry("p2", "text of p2");
            assertThat(hits(store, search("docs", List.of(vectors.get(4)), 6))).extracting(Passage::id)
                    .doesNotContain("p1", "p4");
        }
        try (var store = open()) {
            assertThat(store.size("docs")).isEqualTo(4);
        }
    }

    @Test
    void keepsDataAcrossARestart() {
        Random r = new Random(4);
        List<float[]> vectors = Vectors.uniform(r, 12, 8);
        try (var store = openWithDocs(vectors)) {
        }
        try (var store = open()) {
            assertThat(store.size("docs")).isEqualTo(12);
            assertThat(nearest(store, vectors.get(5)).id()).isEqualTo("p5");
            assertThatThrownBy(() -> ingestAll(store, "docs", Vectors.passages("x", 1), List.of(Vectors.random(r, 4))))
                    .hasMessageContaining("dimension 4").hasMessageContaining("dimension 8");
        }
    }

    @Test
    void exactAndHnswSearchAgreeOnClusteredData(@TempDir Path other) {
        Random r = new Random(5);
        List<float[]> vectors = Vectors.clustered(r, 1500, 32, 30, 0.15);
        List<Passage> passages = Vectors.passages("p", vectors.size());
        List<float[]> queries = Vectors.clustered(new Random(6), 20, 32, 30, 0.15);
        try (var exact = open();
             var hnsw = LuceneVectorStore.builder("store", other).exactBelow(0).build()) {
            ingestAll(exact, "docs", passages, vectors);
            ingestAll(hnsw, "docs", passages, vectors);
            int found = 0;
            for (float[] q : queries) {
                Map<String, Double> truth = hits(exact, search("docs", List.of(q), 10)).stream()
                        .collect(Collectors.toMap(Passage::id, Passage::score));
                List<Passage> approx = hits(hnsw, search("docs", List.of(q), 10));
                assertThat(approx).hasSize(10);
                for (Passage p : approx) {
                    if (truth.containsKey(p.id())) {
                        found++;
                        assertThat(p.score()).isCloseTo(truth.get(p.id()), within(1e-5));
                    }
                }
            }
            assertThat(found / (double) (10 * queries.size())).as("recall@10 of HNSW vs exact").isGreaterThan(0.95);
        }
    }

    @Test
    void keepsCommittedDataAfterACrashMidIngestAndARerunCompletesIt() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                CrashingIngest.class.getName(), root.toString()).inheritIO().start();
        assertThat(child.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).isEqualTo(CrashingIngest.EXIT_CODE);

        try (var store = open()) {
            assertThat(store.size("docs")).isEqualTo(CrashingIngest.PER_BATCH);
            List<float[]> b = CrashingIngest.vectors(2);
            Set<String> ids = new HashSet<>();
            hits(store, search("docs", b.subList(0, 5), 3)).forEach(p -> ids.add(p.id()));
            assertThat(ids).allMatch(id -> id.startsWith("a"));

            store.execute(new Batch(2, List.of(CrashingIngest.ingest("b", Vectors.passages("b", b.size()), b))));
            assertThat(store.size("docs")).isEqualTo(2 * CrashingIngest.PER_BATCH);
            assertThat(nearest(store, b.get(7)).id()).isEqualTo("b7");
        }
    }

    @Test
    void failsTasksOneByOneAndAnswersInInputOrder() {
        Random r = new Random(7);
        List<float[]> v8 = Vectors.uniform(r, 5, 8);
        try (var store = openWithDocs(v8)) {
            Task wrongOp = Task.of(new TaskId("q", "embed"), new Primitive.Embed("store", 1, 1),
                    Map.of(Primitive.Embed.TEXTS.name(), List.of("x")));
            List<TaskResult> results = store.execute(new Batch(3, List.of(
                    search("missing", List.of(v8.get(0)), 2),
                    search("docs", List.of(v8.get(2)), 1),
                    wrongOp,
                    search("docs", List.of(Vectors.random(r, 4)), 1),
                    ingest("other", Vectors.passages("o", 1), List.of(new float[] {3f, 4f})),
                    ingest("docs", Vectors.passages("z", 2), List.of(v8.get(0))))));
            assertThat(((TaskResult.Failure) results.get(0)).cause())
                    .isInstanceOf(NonRetriableEngineException.class).hasMessageContaining("missing does not exist");
            @SuppressWarnings("unchecked")
            List<Passage> second = (List<Passage>) value(results.get(1));
            assertThat(second.getFirst().id()).isEqualTo("p2");
            assertThat(((TaskResult.Failure) results.get(2)).cause()).hasMessageContaining("not Embed");
            assertThat(((TaskResult.Failure) results.get(3)).cause()).hasMessageContaining("query vector 0 has dimension 4");
            assertThat(((TaskResult.Failure) results.get(4)).cause()).hasMessageContaining("not a unit vector");
            assertThat(((TaskResult.Failure) results.get(5)).cause()).hasMessageContaining("2 passages but 1 vectors");
            assertThat(store.size("docs")).isEqualTo(5);
        }
    }

    @Test
    void providerNeedsARoot() {
        EngineProvider provider = ServiceLoader.load(EngineProvider.class).stream().map(ServiceLoader.Provider::get)
                .filter(p -> p.name().equals("lucene")).findFirst().orElseThrow();
        assertThatThrownBy(() -> provider.create(new EngineConfig("store", Map.of())))
                .isInstanceOf(NonRetriableEngineException.class).hasMessageContaining("root");
        assertThatThrownBy(() -> provider.create(new EngineConfig("store", Map.of("root", root.toString(),
                "overFetch", "0")))).isInstanceOf(NonRetriableEngineException.class).hasMessageContaining("overFetch");
        try (var store = provider.create(new EngineConfig("store", Map.of("root", root.toString())))) {
            assertThat(store.capabilities().serves(new Primitive.Ingest("store", "c", 1))).isTrue();
        }
    }
}
