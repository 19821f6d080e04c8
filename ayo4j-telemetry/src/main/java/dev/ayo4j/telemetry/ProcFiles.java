// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.telemetry;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Reading of small kernel text files, which report their size as 0 and must be read whole each time. */
final class ProcFiles {
    private ProcFiles() {
    }

    static List<String> lines(Path p) throws IOException {
        return Files.readAllLines(p, StandardCharsets.US_ASCII);
    }

    static String text(Path p) throws IOException {
        return Files.readString(p, StandardCharsets.US_ASCII).strip();
    }

    /** The whitespace-separated fields of {@code line}, without a regular expression (this runs every round). */
    static String[] fields(String line) {
        java.util.ArrayList<String> out = new java.util.ArrayList<>(16);
        int n = line.length();
        int i = 0;
        while (i < n) {
            while (i < n && Character.isWhitespace(line.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < n && !Character.isWhitespace(line.charAt(i))) {
                i++;
            }
            if (i > start) {
                out.add(line.substring(start, i));
            }
        }
        return out.toArray(String[]::new);
    }
}
