// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ayo4j.engine.llamacpp.gguf.SyntheticModels;
import dev.ayo4j.spi.Passage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link CorpusCollection#sync} on the real encoders and Lucene: the collection follows the folder. */
class CorpusCollectionIT {
    @TempDir
    Path dir;

    @Test
    void aCollectionFollowsItsFolderThroughDeletedAndShortenedDocuments() throws IOException {
        Path model = dir.resolve("chain.gguf");
        SyntheticModels.writeChain(model, "an answer");
        Path docs = Files.createDirectories(dir.resolve("docs"));
        Files.writeString(docs.resolve("a.md"), "alpha ".repeat(25));
        Files.writeString(docs.resolve("b.md"), "The secret passage of b that must disappear once b is deleted.");
        CorpusLoader loader = new CorpusLoader(new Chunker(10));
        Path data = dir.resolve("data");
        try (LocalStack stack = LocalStack.open(LocalStackOptions.of(model, data));
             CorpusCollection collection = CorpusCollection.forFolder(data, docs)) {
            Corpus first = loader.load(docs);
            CorpusCollection.Sync s1 = collection.sync(stack, first, IngestProgress.none(), Duration.ofMinutes(2));
            assertThat(s1.embedded()).isEqualTo(first.passages().size()).isEqualTo(5);
            assertThat(stack.vectors().texts(collection.name())).isEqualTo(texts(first));

            Files.delete(docs.resolve("b.md"));
            Files.writeString(docs.resolve("a.md"), "alpha ".repeat(12) + "omega");
            Corpus second = loader.load(docs);
            CorpusCollection.Sync s2 = collection.sync(stack, second, IngestProgress.none(), Duration.ofMinutes(2));

            assertThat(stack.vectors().texts(collection.name())).isEqualTo(texts(second));
            assertThat(s2.deleted()).as("b.md#0 and a.md's old tail").isEqualTo(3);
            assertThat(s2.embedded()).as("a.md's changed second passage").isEqualTo(1);
            assertThat(s2.kept()).isEqualTo(1);

            CorpusCollection.Sync s3 = collection.sync(stack, second, IngestProgress.none(), Duration.ofMinutes(2));
            assertThat(s3).isEqualTo(new CorpusCollection.Sync(2, 0, 0));
        }
    }

    private static Map<String, String> texts(Corpus corpus) {
        return corpus.passages().stream().collect(Collectors.toMap(Passage::id, Passage::text));
    }
}
