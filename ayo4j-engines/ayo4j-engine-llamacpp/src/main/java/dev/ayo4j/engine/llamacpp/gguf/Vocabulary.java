// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.engine.llamacpp.gguf;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SequencedSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Llama-style sentencepiece vocabulary built in Java: {@code <unk>}, {@code <s>}, {@code </s>}, the 256
 * byte-fallback tokens {@code <0x00>}..{@code <0xFF>}, printable ASCII characters, then word pieces
 * ({@code ▁word} for a word after a space) with decreasing scores, padded with unused tokens.
 *
 * <p>Every piece is added together with all its prefixes, so that llama.cpp's sentencepiece tokenizer,
 * which only merges adjacent symbols whose concatenation is a piece, can reach it; {@link SpmTokenizer}
 * runs the same algorithm in Java.
 *
 * @param pieces token texts, index = token id
 * @param scores sentencepiece scores, higher merges first
 * @param types  token types (see the {@code TYPE_} constants)
 */
public record Vocabulary(List<String> pieces, List<Float> scores, List<Integer> types) {
    /** Token type of ordinary pieces. */
    public static final int TYPE_NORMAL = 1;
    /** Token type of {@code <unk>}. */
    public static final int TYPE_UNKNOWN = 2;
    /** Token type of {@code <s>} and {@code </s>}. */
    public static final int TYPE_CONTROL = 3;
    /** Token type of padding pieces. */
    public static final int TYPE_UNUSED = 5;
    /** Token type of byte-fallback pieces. */
    public static final int TYPE_BYTE = 6;
    /** Id of {@code <unk>}. */
    public static final int UNK = 0;
    /** Id of {@code <s>}, the beginning of sequence. */
    public static final int BOS = 1;
    /** Id of {@code </s>}, the end of sequence. */
    public static final int EOS = 2;
    /** Id of byte-fallback token {@code <0x00>}; byte {@code b} is {@code FIRST_BYTE + b}. */
    public static final int FIRST_BYTE = 3;
    /** Sentencepiece's space marker, U+2581. */
    public static final String SPACE = "\u2581";

    public Vocabulary {
        pieces = List.copyOf(pieces);
        scores = List.copyOf(scores);
        types = List.copyOf(types);
        if (pieces.size() != scores.size() || pieces.size() != types.size()) {
            throw new IllegalArgumentException("pieces, scores and types differ in length");
        }
    }

    /** Number of tokens. */
    public int size() {
        return pieces.size();
    }

    /** Token ids by piece text (byte and control tokens included). */
    public Map<String, Integer> ids() {
        Map<String, Integer> ids = new HashMap<>();
        for (int i = 0; i < pieces.size(); i++) {
            ids.putIfAbsent(pieces.get(i), i);
        }
        return ids;
    }

    /** The text a sequence of tokens stands for: spaces restored, byte tokens turned into bytes. */
    public String decode(int[] tokens) {
        var bytes = new java.io.ByteArrayOutputStream();
        for (int t : tokens) {
            if (types.get(t) == TYPE_BYTE) {
                bytes.write(t - FIRST_BYTE);
            } else if (types.get(t) == TYPE_NORMAL) {
                bytes.writeBytes(pieces.get(t).replace(SPACE, " ").getBytes(StandardCharsets.UTF_8));
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** A builder that already holds the control, byte and printable ASCII tokens. */
    public static Builder builder() {
        return new Builder();
    }

    /** A vocabulary with the built-in English word list, padded to {@code size} tokens. */
    public static Vocabulary english(int size) {
        return builder().addWords(EnglishWords.COMMON).build(size);
    }

    /** Collects pieces in score order (first added scores highest); not thread-safe. */
    public static final class Builder {
        /** Word-like runs (with an optional leading space marker) and single other characters. */
        private static final Pattern SEGMENT = Pattern.compile(
                SPACE + "?[\\p{L}\\p{N}]+|" + SPACE + "?[^\\p{L}\\p{N}" + SPACE + "]|" + SPACE);

        private final SequencedSet<String> normal = new LinkedHashSet<>();

        private Builder() {
            normal.add(SPACE);
            for (char c = 0x21; c < 0x7f; c++) {
                normal.add(String.valueOf(c));
            }
        }

        /** Adds {@code piece} (use {@link #SPACE} for a leading space) and all its prefixes. */
        public Builder addPiece(String piece) {
            Objects.requireNonNull(piece, "piece");
            if (piece.isEmpty() || piece.contains(" ")) {
                throw new IllegalArgumentException("a piece must be non-empty and use ▁ for spaces: '" + piece + "'");
            }
            int end = 0;
            while (end < piece.length()) {
                end = piece.offsetByCodePoints(end, 1);
                normal.add(piece.substring(0, end));
            }
            return this;
        }

        /** Adds {@code ▁word} for each word. */
        public Builder addWords(Collection<String> words) {
            for (String w : words) {
                addPiece(SPACE + w);
            }
            return this;
        }

        /** Adds the word-like runs and other characters of {@code text}, as they appear in it. */
        public Builder addText(String text) {
            Matcher m = SEGMENT.matcher(text.replace(" ", SPACE));
            while (m.find()) {
                addPiece(m.group());
            }
            return this;
        }

        /** Pieces collected so far, control and byte tokens not counted. */
        public int normalPieces() {
            return normal.size();
        }

        /** Builds a vocabulary of exactly {@code size} tokens; throws if the pieces do not fit. */
        public Vocabulary build(int size) {
            int base = FIRST_BYTE + 256 + normal.size();
            if (size < base) {
                throw new IllegalArgumentException(String.format(
                        "vocabulary size %d is smaller than the %d tokens its pieces need", size, base));
            }
            List<String> pieces = new ArrayList<>(size);
            List<Float> scores = new ArrayList<>(size);
            List<Integer> types = new ArrayList<>(size);
            add(pieces, scores, types, "<unk>", 0f, TYPE_UNKNOWN);
            add(pieces, scores, types, "<s>", 0f, TYPE_CONTROL);
            add(pieces, scores, types, "</s>", 0f, TYPE_CONTROL);
            for (int b = 0; b < 256; b++) {
                add(pieces, scores, types, String.format("<0x%02X>", b), 0f, TYPE_BYTE);
            }
            int rank = 0;
            for (String p : normal) {
                add(pieces, scores, types, p, -(++rank), TYPE_NORMAL);
            }
            for (int i = 0; pieces.size() < size; i++) {
                add(pieces, scores, types, "<unused" + i + ">", -1e9f, TYPE_UNUSED);
            }
            return new Vocabulary(pieces, scores, types);
        }

        private static void add(List<String> pieces, List<Float> scores, List<Integer> types, String p, float s,
                                int t) {
            pieces.add(p);
            scores.add(s);
            types.add(t);
        }
    }
}
