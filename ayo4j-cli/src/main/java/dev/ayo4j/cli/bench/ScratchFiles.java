// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.cli.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** The temporary folders a benchmark writes its engines' data or trace files into, and removes after it. */
final class ScratchFiles {
    private ScratchFiles() {}

    /** Deletes {@code dir} and everything below it. */
    static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
