// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.engine.llamacpp.gguf;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Sentencepiece (SPM) tokenizer over a {@link Vocabulary}, a port of llama.cpp's
 * {@code llm_tokenizer_spm_session}: split into characters, then repeatedly merge the adjacent pair
 * whose concatenation is the highest-scoring piece (leftmost first on ties); characters left without a
 * piece fall back to byte tokens. Agreeing with llama.cpp here is what lets a chain model's prompts and
 * outputs mean the same tokens on both sides. Special-token parsing is not done: texts must not contain
 * {@code <s>}, {@code </s>} or {@code <unk>}.
 */
public final class SpmTokenizer {
    private final Vocabulary vocabulary;
    private final Map<String, Integer> ids;

    public SpmTokenizer(Vocabulary vocabulary) {
        this.vocabulary = vocabulary;
        this.ids = vocabulary.ids();
    }

    private static final class Symbol {
        String text;
        int bytes;
        int prev;
        int next;

        Symbol(String text, int prev, int next) {
            this.text = text;
            this.bytes = text.getBytes(StandardCharsets.UTF_8).length;
            this.prev = prev;
            this.next = next;
        }
    }

    private record Bigram(int left, int right, float score, int bytes) {}

    /**
     * Token ids for {@code text}, without BOS. With {@code spacePrefix} a space is prepended first, as
     * llama.cpp does for a prompt (its {@code add_space_prefix} default).
     */
    public int[] encode(String text, boolean spacePrefix) {
        String escaped = ((spacePrefix ? " " : "") + text).replace(" ", Vocabulary.SPACE);
        List<Symbol> symbols = new ArrayList<>();
        int[] cps = escaped.codePoints().toArray();
        for (int i = 0; i < cps.length; i++) {
            symbols.add(new Symbol(Character.toString(cps[i]), i - 1, i + 1 < cps.length ? i + 1 : -1));
        }
        PriorityQueue<Bigram> queue = new PriorityQueue<>((a, b) -> a.score() != b.score()
                ? Float.compare(b.score(), a.score()) : Integer.compare(a.left(), b.left()));
        for (int i = 1; i < symbols.size(); i++) {
            tryAdd(symbols, queue, i - 1, i);
        }
        while (!queue.isEmpty()) {
            Bigram bg = queue.poll();
            Symbol left = symbols.get(bg.left());
            Symbol right = symbols.get(bg.right());
            if (left.bytes == 0 || right.bytes == 0 || left.bytes + right.bytes != bg.bytes()) {
                continue;
            }
            left.text = left.text + right.text;
            left.bytes += right.bytes;
            right.bytes = 0;
            left.next = right.next;
            if (right.next >= 0) {
                symbols.get(right.next).prev = bg.left();
            }
            tryAdd(symbols, queue, left.prev, bg.left());
            tryAdd(symbols, queue, bg.left(), left.next);
        }
        List<Integer> out = new ArrayList<>();
        for (int i = symbols.isEmpty() ? -1 : 0; i != -1; i = symbols.get(i).next) {
            Symbol s = symbols.get(i);
            Integer id = ids.get(s.text);
            if (id != null) {
                out.add(id);
            } else {
                for (byte b : s.text.getBytes(StandardCharsets.UTF_8)) {
                    out.add(Vocabulary.FIRST_BYTE + (b & 0xff));
                }
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    private void tryAdd(List<Symbol> symbols, PriorityQueue<Bigram> queue, int left, int right) {
        if (left == -1 || right == -1) {
            return;
        }
        Symbol l = symbols.get(left);
        Symbol r = symbols.get(right);
        Integer id = ids.get(l.text + r.text);
        if (id == null) {
            return;
        }
        queue.add(new Bigram(left, right, vocabulary.scores().get(id), l.bytes + r.bytes));
    }
}
