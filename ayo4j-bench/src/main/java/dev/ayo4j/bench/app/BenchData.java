// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.bench.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ayo4j.Ayo4jException;
import dev.ayo4j.local.Chunker;
import dev.ayo4j.local.Corpus;
import dev.ayo4j.local.CorpusLoader;
import dev.ayo4j.local.Document;
import dev.ayo4j.spi.Passage;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Passages and questions of a benchmark: SciFact abstracts ({@code corpus.jsonl}) cut into chunks, and
 * SciFact claims ({@code queries.jsonl}) as questions; or, when the dataset folder is absent, given
 * fallback documents and questions.
 *
 * @param origin    where the data came from, for reports
 * @param chunks    passages, in corpus order
 * @param questions questions, in file order
 */
public record BenchData(String origin, List<Passage> chunks, List<String> questions) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public BenchData {
        chunks = List.copyOf(chunks);
        questions = List.copyOf(questions);
        if (questions.isEmpty()) {
            throw new Ayo4jException("benchmark data from " + origin + " has no questions");
        }
    }

    /**
     * Loads at most {@code maxChunks} chunks from the BEIR folder {@code dataset}, or from
     * {@code fallbackDocs} (with {@code fallbackQuestions}) if {@code dataset} has no corpus file.
     */
    public static BenchData load(Path dataset, int maxChunks, List<Document> fallbackDocs,
                                 List<String> fallbackQuestions) {
        Path corpus = dataset.resolve("corpus.jsonl");
        Path queries = dataset.resolve("queries.jsonl");
        CorpusLoader loader = new CorpusLoader(new Chunker(Chunker.DEFAULT_MAX_WORDS));
        if (!Files.isRegularFile(corpus) || !Files.isRegularFile(queries)) {
            Corpus c = loader.of("fallback documents", fallbackDocs);
            return new BenchData("fallback documents (" + dataset + " not found)",
                    c.passages().subList(0, Math.min(maxChunks, c.passages().size())), fallbackQuestions);
        }
        List<Passage> chunks = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(corpus, StandardCharsets.UTF_8)) {
            for (String line = r.readLine(); line != null && chunks.size() < maxChunks; line = r.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode doc = JSON.readTree(line);
                String text = (doc.path("title").asText("") + ". " + doc.path("text").asText("")).strip();
                List<Passage> some = loader.of(corpus.toString(), List.of(new Document("scifact/"
                        + doc.path("_id").asText(), text))).passages();
                chunks.addAll(some.subList(0, Math.min(some.size(), maxChunks - chunks.size())));
            }
            List<String> questions = new ArrayList<>();
            for (String line : Files.readAllLines(queries, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    questions.add(JSON.readTree(line).path("text").asText());
                }
            }
            return new BenchData(dataset.toString(), chunks, questions);
        } catch (IOException e) {
            throw new Ayo4jException("cannot read benchmark data in " + dataset + ": " + e.getMessage(), e);
        }
    }

    /** The first {@code n} chunks (all if there are fewer), as a corpus ingested once. */
    public List<Passage> corpus(int n) {
        return chunks.subList(0, Math.min(n, chunks.size()));
    }

    /**
     * Query {@code i}: question {@code i} (cycling) and a window of {@code passages} chunks starting at
     * {@code i * passages}, wrapping around; at most all chunks.
     */
    public BenchQuery query(int i, int passages) {
        List<Passage> window = new ArrayList<>(passages);
        int n = Math.min(passages, chunks.size());
        for (int k = 0; k < n; k++) {
            window.add(chunks.get((i * n + k) % chunks.size()));
        }
        return new BenchQuery(i, questions.get(i % questions.size()), window);
    }
}
