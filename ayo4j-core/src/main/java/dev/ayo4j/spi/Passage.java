// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.spi;

import java.util.Comparator;
import java.util.Objects;

/**
 * Passage of a document with a relevance score: what vector search and rerank produce.
 *
 * @param id     stable id, unique in its collection (e.g. {@code doc.md#3} for the third chunk)
 * @param text   the passage text
 * @param score  relevance; higher is better; 0 for passages not scored yet
 * @param source where the passage came from (a file name, a document title), for citing sources
 */
public record Passage(String id, String text, double score, String source) {
    /** Best first: score descending, then id ascending, so ties are broken the same way everywhere. */
    public static final Comparator<Passage> BEST_FIRST =
            Comparator.comparingDouble(Passage::score).reversed().thenComparing(Passage::id);

    public Passage {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(source, "source");
    }

    public static Passage of(String id, String text) {
        return new Passage(id, text, 0, id);
    }

    public Passage withScore(double newScore) {
        return new Passage(id, text, newScore, source);
    }
}
