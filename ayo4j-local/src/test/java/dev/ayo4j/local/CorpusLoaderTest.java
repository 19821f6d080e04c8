// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ayo4j.Ayo4jException;
import dev.ayo4j.spi.Passage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CorpusLoaderTest {
    @TempDir
    Path dir;

    private final CorpusLoader loader = new CorpusLoader(new Chunker(16));

    @Test
    void readsTextDocumentsInPathOrderAndCitesThemAsSources() throws IOException {
        Files.writeString(dir.resolve("b.md"), "Second document.");
        Files.createDirectories(dir.resolve("sub"));
        Files.writeString(dir.resolve("sub/a.txt"), "First document, in a sub-folder.");
        Files.writeString(dir.resolve("image.png"), "not a document");

        Corpus c = loader.load(dir);

        assertThat(c.passages()).extracting(Passage::id).containsExactly("b.md#1", "sub/a.txt#1");
        assertThat(c.passages()).extracting(Passage::source).containsExactly("b.md", "sub/a.txt");
        assertThat(c.skipped()).isEmpty();
    }

    @Test
    void skipsFilesThatAreNotUtf8AndSaysWhere() throws IOException {
        Files.writeString(dir.resolve("good.md"), "Readable text.");
        Files.write(dir.resolve("latin1.txt"), "caf\u00e9 au lait".getBytes(StandardCharsets.ISO_8859_1));
        Files.write(dir.resolve("binary.md"), new byte[] {'a', 0, 'b'});

        Corpus c = loader.load(dir);

        assertThat(c.passages()).extracting(Passage::source).containsExactly("good.md");
        assertThat(c.skipped()).extracting(Corpus.Skipped::name).containsExactly("binary.md", "latin1.txt");
        assertThat(c.skipped().get(0).reason()).contains("binary");
        assertThat(c.skipped().get(1).reason()).contains("not UTF-8").contains("offset 3");
    }

    @Test
    void cutsDocumentsLongerThanOnePassageAndReportsIt() throws IOException {
        String paragraph = "word ".repeat(10).strip() + ".";
        Files.writeString(dir.resolve("long.md"), String.join("\n\n", paragraph, paragraph, paragraph, paragraph));

        Corpus c = loader.load(dir);

        assertThat(c.passages()).hasSize(4).allSatisfy(p -> assertThat(Chunker.words(p.text())).isLessThanOrEqualTo(16));
        assertThat(c.split()).containsExactly(new Corpus.Split("long.md", 40, 4));
    }

    @Test
    void rejectsAnEmptyCorpusNamingWhatItLookedFor() throws IOException {
        Files.writeString(dir.resolve("blank.md"), "   \n\n  ");
        assertThatThrownBy(() -> loader.load(dir)).isInstanceOf(Ayo4jException.class)
                .hasMessageContaining("no documents to index").hasMessageContaining(".md").hasMessageContaining("blank.md");
    }

    @Test
    void rejectsAMissingFolder() {
        assertThatThrownBy(() -> loader.load(dir.resolve("nope"))).isInstanceOf(Ayo4jException.class)
                .hasMessageContaining("does not exist");
    }
}
