// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.encoders.pool;

import java.util.List;

/** Rejects inputs that are not text: lone UTF-16 surrogates and control characters other than tab, LF, CR. */
final class TextCheck {
    private TextCheck() {}

    /** Throws {@link InvalidTextException} naming the first bad text and character; empty strings pass. */
    static void requireText(List<String> texts) {
        if (texts.isEmpty()) {
            throw new InvalidTextException("no texts to encode: inputs must hold at least one text");
        }
        for (int i = 0; i < texts.size(); i++) {
            String s = texts.get(i);
            if (s == null) {
                throw new InvalidTextException(String.format("text %d is null, not a string", i));
            }
            String problem = problem(s);
            if (problem != null) {
                throw new InvalidTextException(String.format("text %d is not valid text: %s", i, problem));
            }
        }
    }

    /** What is wrong with {@code s}, or null if it is valid text. */
    static String problem(String s) {
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k);
            if (Character.isHighSurrogate(c)) {
                if (k + 1 < s.length() && Character.isLowSurrogate(s.charAt(k + 1))) {
                    k++;
                    continue;
                }
                return String.format("lone high surrogate U+%04X at char %d (invalid UTF-16)", (int) c, k);
            }
            if (Character.isLowSurrogate(c)) {
                return String.format("lone low surrogate U+%04X at char %d (invalid UTF-16)", (int) c, k);
            }
            if (Character.getType(c) == Character.CONTROL && c != '\t' && c != '\n' && c != '\r') {
                return String.format("control character U+%04X at char %d (binary data?)", (int) c, k);
            }
        }
        return null;
    }
}
