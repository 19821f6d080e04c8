// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.local;

import dev.ayo4j.Checks;
import dev.ayo4j.spi.Passage;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Cuts documents into passages of at most {@code maxWords} words, so that every passage fits an
 * encoder's window and is embedded whole rather than truncated.
 *
 * <p>Cuts fall at paragraph boundaries where possible, then at sentence ends, and only inside a
 * sentence that alone is longer than the limit. Passages do not overlap. Ids are
 * {@code <document>#<n>} (1-based) and the source is the document's name, so an answer can cite it.
 * The default of 64 words stays inside all-MiniLM-L6-v2's 128-token window even for technical text
 * (about 1.5 word pieces per word).
 */
public final class Chunker {
    /** Default most words per passage. */
    public static final int DEFAULT_MAX_WORDS = 64;

    private static final Pattern PARAGRAPHS = Pattern.compile("\\n\\s*\\n");
    private static final Pattern SENTENCES = Pattern.compile("(?<=[.!?])\\s+");
    private static final Pattern WORDS = Pattern.compile("\\s+");

    private final int maxWords;

    public Chunker(int maxWords) {
        Checks.argument(maxWords >= 8, "passages need at least 8 words: %s", maxWords);
        this.maxWords = maxWords;
    }

    public int maxWords() {
        return maxWords;
    }

    /** The passages of {@code doc}, in order; none for a blank document. */
    public List<Passage> chunk(Document doc) {
        List<String> pieces = new ArrayList<>();
        for (String paragraph : PARAGRAPHS.split(doc.text())) {
            String p = paragraph.strip();
            if (p.isEmpty()) {
                continue;
            }
            if (words(p) <= maxWords) {
                pieces.add(p);
                continue;
            }
            for (String sentence : SENTENCES.split(p)) {
                if (words(sentence) <= maxWords) {
                    pieces.add(sentence);
                } else {
                    String[] w = WORDS.split(sentence.strip());
                    for (int i = 0; i < w.length; i += maxWords) {
                        pieces.add(String.join(" ", java.util.Arrays.copyOfRange(w, i, Math.min(w.length, i + maxWords))));
                    }
                }
            }
        }
        List<Passage> passages = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int currentWords = 0;
        for (String piece : pieces) {
            int n = words(piece);
            if (currentWords > 0 && currentWords + n > maxWords) {
                passages.add(passage(doc, passages.size() + 1, current.toString()));
                current.setLength(0);
                currentWords = 0;
            }
            if (currentWords > 0) {
                current.append("\n\n");
            }
            current.append(piece);
            currentWords += n;
        }
        if (currentWords > 0) {
            passages.add(passage(doc, passages.size() + 1, current.toString()));
        }
        return passages;
    }

    /** Words in {@code text}. */
    static int words(String text) {
        String t = text.strip();
        return t.isEmpty() ? 0 : WORDS.split(t).length;
    }

    private static Passage passage(Document doc, int n, String text) {
        return new Passage(doc.name() + "#" + n, text, 0, doc.name());
    }
}
