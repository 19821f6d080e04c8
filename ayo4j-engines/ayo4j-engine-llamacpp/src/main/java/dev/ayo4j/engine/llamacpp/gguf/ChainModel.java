// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.engine.llamacpp.gguf;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Deterministic llama model whose greedy output is a fixed text. Attention and feed-forward weights
 * are zero, so the logits depend only on the current token: its embedding is one-hot in the dimension
 * of its "class", and {@code output.weight} maps each class to the next token of the chain
 * {@code t0 → t1 → … → EOS}. RoPE, attention, RMSNorm and SwiGLU still run on a real llama graph.
 *
 * <p>The chain is driven by the last token only, so every step needs its own token. When the text's
 * tokenization repeats a token, the repeat is spelled with other pieces of the vocabulary (a shorter
 * prefix plus the rest, or byte tokens), which print the same text; if no unused spelling exists the
 * builder fails and names the token.
 *
 * @param text       the text the model generates
 * @param vocabulary its vocabulary
 * @param tokens     the chain {@code t0..tn-1}, all distinct, whose pieces print {@code text}
 * @param entry      which tokens start the chain
 */
public record ChainModel(String text, Vocabulary vocabulary, List<Integer> tokens, Entry entry) {
    /** Gain on the winning logit: the gap to any other token is {@code GAIN * sqrt(dim)}. */
    private static final float GAIN = 4f;

    /** Which tokens lead into the chain. */
    public enum Entry {
        /**
         * Every token outside the chain (BOS included) leads to {@code t0}, so any prompt that does not
         * end inside the chain yields the whole text.
         */
        ANY_TOKEN,
        /** Only BOS leads to {@code t0}; every other token outside the chain leads to EOS. */
        BOS_ONLY
    }

    public ChainModel {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(vocabulary, "vocabulary");
        tokens = List.copyOf(tokens);
        Objects.requireNonNull(entry, "entry");
        if (new HashSet<>(tokens).size() != tokens.size()) {
            throw new IllegalArgumentException("chain tokens must be distinct: " + tokens);
        }
    }

    /** A chain model for {@code text}, over the English vocabulary plus the text's own words. */
    public static ChainModel of(String text, Entry entry) {
        return of(text, Vocabulary.builder().addWords(EnglishWords.COMMON).addText(text), entry);
    }

    /** A chain model for {@code text} over the pieces already in {@code builder}; pads to a multiple of 64. */
    public static ChainModel of(String text, Vocabulary.Builder builder, Entry entry) {
        Objects.requireNonNull(text, "text");
        if (text.isEmpty()) {
            throw new IllegalArgumentException("a chain model needs a non-empty text");
        }
        for (String special : List.of("<s>", "</s>", "<unk>")) {
            if (text.contains(special)) {
                throw new IllegalArgumentException("chain text must not contain the control token " + special);
            }
        }
        int base = Vocabulary.FIRST_BYTE + 256 + builder.normalPieces();
        Vocabulary vocab = builder.build((base + 63) / 64 * 64);
        int[] raw = new SpmTokenizer(vocab).encode(text, false);
        return new ChainModel(text, vocab, Distinct.respell(raw, vocab, text), entry);
    }

    /** Number of output classes: one per chain token plus one for every other token. */
    private int classes() {
        return tokens.size() + (entry == Entry.BOS_ONLY ? 2 : 1);
    }

    /** The shape written: one layer, two heads, the smallest width that fits every class. */
    public ModelShape shape() {
        int dim = Math.max(64, (classes() + 31) / 32 * 32);
        return new ModelShape(dim, 1, 2, 2, 64, vocabulary.size(), 2048);
    }

    /** Writes the model as an all-F32 GGUF file. */
    public void write(Path out) {
        ModelShape shape = shape();
        int n = tokens.size();
        // Class 0: tokens outside the chain; class 1+i: chain token i; class n+1 (BOS_ONLY): BOS.
        int[] classOf = new int[vocabulary.size()];
        for (int i = 0; i < n; i++) {
            classOf[tokens.get(i)] = 1 + i;
        }
        int[] next = new int[classes()];
        next[0] = entry == Entry.ANY_TOKEN ? tokens.getFirst() : Vocabulary.EOS;
        for (int i = 0; i < n; i++) {
            next[1 + i] = i + 1 < n ? tokens.get(i + 1) : Vocabulary.EOS;
        }
        if (entry == Entry.BOS_ONLY) {
            classOf[Vocabulary.BOS] = n + 1;
            next[n + 1] = tokens.getFirst();
        }
        Map<Integer, List<Integer>> classesByNext = new java.util.HashMap<>();
        for (int c = 0; c < next.length; c++) {
            classesByNext.computeIfAbsent(next[c], _ -> new ArrayList<>()).add(c);
        }
        LlamaGguf.write(out, "ayo4j-chain", shape, vocabulary, GgmlType.F32, (name, type, dims) -> o -> {
            float[] row = new float[(int) dims[0]];
            long rows = dims.length > 1 ? dims[1] : 1;
            for (long r = 0; r < rows; r++) {
                Arrays.fill(row, 0f);
                if (name.endsWith("norm.weight")) {
                    Arrays.fill(row, 1f);
                } else if (name.equals("token_embd.weight")) {
                    row[classOf[(int) r]] = 1f;
                } else if (name.equals("output.weight")) {
                    for (int c : classesByNext.getOrDefault((int) r, List.of())) {
                        row[c] = GAIN;
                    }
                }
                RowWriter.write(o, type, row);
            }
        });
    }

    /** Makes a token sequence distinct by spelling repeats with unused pieces. */
    private static final class Distinct {
        private Distinct() {}

        static List<Integer> respell(int[] raw, Vocabulary vocab, String text) {
            Map<String, Integer> ids = vocab.ids();
            Set<Integer> used = new HashSet<>();
            List<Integer> out = new ArrayList<>();
            for (int t : raw) {
                if (used.add(t)) {
                    out.add(t);
                    continue;
                }
                List<Integer> spelling = new ArrayList<>();
                if (vocab.types().get(t) != Vocabulary.TYPE_NORMAL
                        || !spell(vocab.pieces().get(t), ids, used, spelling, true)) {
                    throw new IllegalArgumentException(String.format(
                            "chain text repeats the token '%s' (id %d) and no unused spelling of it is left; "
                                    + "a chain model is driven by its last token, so each step needs its own "
                                    + "token: reword the text \"%s\"", vocab.pieces().get(t), t, text));
                }
                used.addAll(spelling);
                out.addAll(spelling);
            }
            return out;
        }

        /** Depth-first search for pieces spelling {@code rest}, longest first, none of them used. */
        private static boolean spell(String rest, Map<String, Integer> ids, Set<Integer> used, List<Integer> acc,
                                     boolean proper) {
            if (rest.isEmpty()) {
                return true;
            }
            for (int end = proper ? rest.offsetByCodePoints(rest.length(), -1) : rest.length(); end > 0;
                 end = rest.offsetByCodePoints(end, -1)) {
                Integer id = ids.get(rest.substring(0, end));
                if (id != null && !used.contains(id) && !acc.contains(id)) {
                    acc.add(id);
                    if (spell(rest.substring(end), ids, used, acc, false)) {
                        return true;
                    }
                    acc.removeLast();
                }
            }
            // Byte fallback prints raw bytes, which is right for anything but the space marker.
            int cp = rest.codePointAt(0);
            if (!rest.startsWith(Vocabulary.SPACE)) {
                List<Integer> bytes = new ArrayList<>();
                for (byte b : Character.toString(cp).getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
                    bytes.add(Vocabulary.FIRST_BYTE + (b & 0xff));
                }
                if (bytes.stream().noneMatch(b -> used.contains(b) || acc.contains(b))
                        && new HashSet<>(bytes).size() == bytes.size()) {
                    acc.addAll(bytes);
                    if (spell(rest.substring(Character.charCount(cp)), ids, used, acc, false)) {
                        return true;
                    }
                    for (int i = 0; i < bytes.size(); i++) {
                        acc.removeLast();
                    }
                }
            }
            return false;
        }
    }
}
