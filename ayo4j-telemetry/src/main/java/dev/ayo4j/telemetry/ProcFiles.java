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

    static String[] fields(String line) {
        return line.strip().split("\\s+");
    }
}
