// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ayo4j.spi.Passage;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChunkerTest {
    @Test
    void keepsShortParagraphsTogetherUpToTheLimit() {
        List<Passage> p = new Chunker(10).chunk(new Document("d.md", "One two three.\n\nFour five six.\n\nSeven eight nine ten eleven."));
        assertThat(p).extracting(Passage::text).containsExactly("One two three.\n\nFour five six.", "Seven eight nine ten eleven.");
    }

    @Test
    void cutsALongSentenceByWords() {
        List<Passage> p = new Chunker(8).chunk(new Document("d.md", "w ".repeat(20).strip()));
        assertThat(p).hasSize(3).extracting(x -> Chunker.words(x.text())).containsExactly(8, 8, 4);
        assertThat(p).extracting(Passage::id).containsExactly("d.md#1", "d.md#2", "d.md#3");
    }

    @Test
    void blankDocumentsHaveNoPassages() {
        assertThat(new Chunker(8).chunk(new Document("d.md", " \n\n "))).isEmpty();
    }
}
