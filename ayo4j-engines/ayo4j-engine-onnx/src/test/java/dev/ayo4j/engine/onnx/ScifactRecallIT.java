// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.engine.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ayo4j.engine.lucene.LuceneVectorStore;
import dev.ayo4j.primitive.Primitive;
import dev.ayo4j.spi.Batch;
import dev.ayo4j.spi.Passage;
import dev.ayo4j.spi.Signal;
import dev.ayo4j.spi.Task;
import dev.ayo4j.spi.TaskId;
import dev.ayo4j.spi.TaskResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Retrieval-quality check, not a unit test: recall@10 of all-MiniLM-L6-v2 + the Lucene store on the
 * SciFact subset (BEIR format) that lives beside the repository in {@code ../shared/datasets/scifact-subset}.
 *
 * <p>Embedding the 2,101 abstracts takes a minute or two on 2 cores, so it runs only on request:
 * {@code ./mvnw -pl ayo4j-engines/ayo4j-engine-onnx -am verify -Dayo4j.scifact=true -Dit.test=ScifactRecallIT}.
 */
@EnabledIfSystemProperty(named = "ayo4j.scifact", matches = "true")
@EnabledIf("datasetPresent")
class ScifactRecallIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int K = 10;
    private static final int CHUNK = 128;

    static boolean datasetPresent() {
        return dataset() != null;
    }

    /** {@code shared/datasets/scifact-subset} next to the repository root, found from the working directory up. */
    static Path dataset() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path d = p.resolve("shared").resolve("datasets").resolve("scifact-subset");
            if (Files.isRegularFile(d.resolve("corpus.jsonl"))) {
                return d;
            }
        }
        return null;
    }

    @Test
    void measuresRecallAt10(@TempDir Path index) throws IOException {
        Path data = dataset();
        Map<String, String> corpus = new LinkedHashMap<>();
        for (String line : Files.readAllLines(data.resolve("corpus.jsonl"))) {
            JsonNode n = JSON.readTree(line);
            String title = n.path("title").asText("");
            corpus.put(n.get("_id").asText(), (title.isBlank() ? "" : title + ". ") + n.get("text").asText());
        }
        Map<String, String> queries = new HashMap<>();
        for (String line : Files.readAllLines(data.resolve("queries.jsonl"))) {
            JsonNode n = JSON.readTree(line);
            queries.put(n.get("_id").asText(), n.get("text").asText());
        }

        try (var embedder = new OnnxEmbeddingEngine("embedder",
                     EncoderModel.bundled(BundledEncoder.ALL_MINILM_L6_V2, EncoderOptions.DEFAULTS));
             var store = LuceneVectorStore.builder("store", index).build()) {
            List<String> ids = new ArrayList<>(corpus.keySet());
            long start = System.nanoTime();
            for (int from = 0; from < ids.size(); from += CHUNK) {
                List<String> chunk = ids.subList(from, Math.min(ids.size(), from + CHUNK));
                List<float[]> vectors = embed(embedder, chunk.stream().map(corpus::get).toList());
                List<Passage> passages = chunk.stream().map(id -> new Passage(id, corpus.get(id), 0, id)).toList();
                Task ingest = Task.of(new TaskId("scifact", "ingest" + from),
                        new Primitive.Ingest("store", "scifact", chunk.size()),
                        Map.of(Primitive.Ingest.PASSAGES.name(), passages, Primitive.Ingest.VECTORS.name(), vectors));
                TaskResult r = store.execute(new Batch(from, List.of(ingest))).getFirst();
                assertThat(r).isInstanceOf(TaskResult.Success.class);
            }
            System.out.printf("embedded and indexed %d abstracts in %.1f s%n", ids.size(),
                    (System.nanoTime() - start) / 1e9);
            for (String qrels : List.of("qrels-test.tsv", "qrels-train.tsv")) {
                report(qrels, readQrels(data.resolve(qrels)), queries, embedder, store);
            }
        }
    }

    private static void report(String name, Map<String, Set<String>> qrels, Map<String, String> queries,
                               OnnxEmbeddingEngine embedder, LuceneVectorStore store) {
        double recall = 0;
        int n = 0;
        for (var e : qrels.entrySet()) {
            float[] q = embed(embedder, List.of(queries.get(e.getKey()))).getFirst();
            Task search = Task.of(new TaskId("scifact", "q" + e.getKey()),
                    new Primitive.VectorSearch("store", "scifact", 1, K),
                    Map.of(Primitive.VectorSearch.VECTORS.name(), List.of(q), Primitive.VectorSearch.INDEX.name(), Signal.done("ready")));
            @SuppressWarnings("unchecked")
            List<Passage> hits = (List<Passage>) ((TaskResult.Success) store.execute(new Batch(0, List.of(search)))
                    .getFirst()).value();
            Set<String> top = new HashSet<>();
            hits.forEach(p -> top.add(p.id()));
            long found = e.getValue().stream().filter(top::contains).count();
            recall += found / (double) e.getValue().size();
            n++;
        }
        recall /= n;
        System.out.printf("SciFact subset %s: %d queries, recall@%d = %.3f%n", name, n, K, recall);
        assertThat(recall).as("recall@10 on %s", name).isGreaterThan(0.3);
    }

    @SuppressWarnings("unchecked")
    private static List<float[]> embed(OnnxEmbeddingEngine embedder, List<String> texts) {
        TaskResult r = embedder.execute(new Batch(0, List.of(Task.of(new TaskId("scifact", "embed"),
                new Primitive.Embed("embedder", texts.size(), 128), Map.of(Primitive.Embed.TEXTS.name(), texts))))).getFirst();
        return (List<float[]>) ((TaskResult.Success) r).value();
    }

    private static Map<String, Set<String>> readQrels(Path file) throws IOException {
        Map<String, Set<String>> out = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file).subList(1, Files.readAllLines(file).size())) {
            String[] f = line.split("\t");
            if (f.length >= 3 && Integer.parseInt(f[2].trim()) > 0) {
                out.computeIfAbsent(f[0], _ -> new HashSet<>()).add(f[1]);
            }
        }
        return out;
    }
}
