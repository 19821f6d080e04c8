// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ayo4j.api.Ayo4j;
import dev.ayo4j.api.CollectionCatalog;
import dev.ayo4j.api.Inputs;
import dev.ayo4j.api.Result;
import dev.ayo4j.api.Source;
import dev.ayo4j.api.StreamEvent;
import dev.ayo4j.local.Document;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * advanced-rag end to end through the entry point, configured by an engine file: its LLM a real
 * (chain) model behind an OpenAI-compatible server, its encoders behind TEI-compatible encoder servers,
 * all on loopback, and Lucene on disk.
 */
class AdvancedRagOverLoopbackIT {
    @TempDir
    static Path dir;

    private static LoopbackStack stack;
    private static Ayo4j ayo;

    @BeforeAll
    static void start() throws Exception {
        stack = new LoopbackStack(dir);
        ayo = Ayo4j.builder().engines(stack.engineFile).build();
        List<Document> docs = new ArrayList<>(List.of(
                new Document("lucene.md", "The vector store is Lucene. Passages and their vectors are kept in an "
                        + "HNSW index on disk, and every ingest is committed durably."),
                new Document("prefill.md", "Prefill splitting warms the prompt cache: the instructions and the "
                        + "question are prefilled while retrieval still runs.")));
        for (int i = 0; i < 6; i++) {
            docs.add(new Document("recipe-" + i + ".md", "Recipe " + i + ": bake the bread for " + (20 + i)
                    + " minutes, then let it cool on a rack."));
        }
        ayo.collections().ingest("guide", docs);
    }

    @AfterAll
    static void stop() throws Exception {
        if (ayo != null) {
            ayo.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void answersWithTheModelsOwnTextAndScoredSources() {
        Result r = ayo.prepare("advanced-rag").run(Inputs.question("How are vectors stored?").collection("guide"));

        assertThat(r.answer()).isEqualTo(LoopbackStack.chainText());
        assertThat(r.sources()).isNotEmpty().hasSizeLessThanOrEqualTo(3)
                .allSatisfy(s -> assertThat(s.id()).contains("#"));
        assertThat(r.sources()).extracting(Source::score).isSortedAccordingTo((a, b) -> Double.compare(b, a));
        assertThat(r.trace()).extracting(e -> e.engine()).contains("llm", "embedder", "reranker", "vectors");
        assertThat(r.lowerBoundNanos()).isPositive().isLessThanOrEqualTo(r.endToEndNanos());
        assertThat(stack.llm.requests()).as("expansion and answer went to the server").isGreaterThanOrEqualTo(2);
    }

    @Test
    void streamsTheAnswerTokensAndEndsWithTheResult() throws Exception {
        List<StreamEvent> events = new CopyOnWriteArrayList<>();
        Result r = ayo.prepare("advanced-rag").stream(Inputs.question("What warms the cache?").collection("guide"),
                events::add).get();

        String streamed = String.join("", events.stream().filter(e -> e instanceof StreamEvent.AnswerToken)
                .map(e -> ((StreamEvent.AnswerToken) e).text()).toList());
        assertThat(streamed).isEqualTo(r.answer());
        assertThat(events).anyMatch(e -> e instanceof StreamEvent.PrimitiveStarted)
                .anyMatch(e -> e instanceof StreamEvent.PrimitiveFinished);
        assertThat(events.getLast()).isInstanceOf(StreamEvent.Completed.class);
    }

    @Test
    void collectionsAreListedAndDocumentsDeleted() {
        ayo.collections().ingest("scratch", List.of(new Document("a.md", "alpha beta gamma delta"),
                new Document("b.md", "epsilon zeta eta theta")));
        assertThat(ayo.collections().list()).contains(new CollectionCatalog.CollectionInfo("scratch", 2));
        ayo.collections().ingest("scratch", List.of(new Document("a.md", "alpha beta gamma delta again")));
        assertThat(ayo.collections().list()).as("ingesting again replaces, never duplicates")
                .contains(new CollectionCatalog.CollectionInfo("scratch", 2));
        assertThat(ayo.collections().delete("scratch", "a.md")).isEqualTo(1);
        assertThat(ayo.collections().delete("scratch", "a.md")).isZero();
        assertThat(ayo.ready()).isTrue();
    }
}
