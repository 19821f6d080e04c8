// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.cli;

import dev.ayo4j.Ayo4jException;
import dev.ayo4j.local.Document;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The project's guide ({@code docs/guide}), bundled into the command-line jar: the demo's corpus, and the
 * benchmarks' when no dataset is found.
 */
public final class BundledGuide {
    private static final String FOLDER = "dev/ayo4j/cli/guide";

    private BundledGuide() {}

    /** The guide's documents, in name order. */
    public static List<Document> documents() {
        URL url = BundledGuide.class.getClassLoader().getResource(FOLDER);
        if (url == null) {
            throw new Ayo4jException("the demo corpus is missing from the build (" + FOLDER + "); rebuild the tool");
        }
        try {
            URI uri = url.toURI();
            if (uri.getScheme().equals("jar")) {
                try (FileSystem fs = FileSystems.newFileSystem(uri, Map.of())) {
                    return read(fs.getPath(FOLDER));
                }
            }
            return read(Path.of(uri));
        } catch (IOException | URISyntaxException e) {
            throw new Ayo4jException("cannot read the demo corpus: " + e.getMessage(), e);
        }
    }

    private static List<Document> read(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".md")).sorted()
                    .map(p -> new Document("guide/" + p.getFileName(), readString(p))).toList();
        }
    }

    private static String readString(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new Ayo4jException("cannot read " + p + ": " + e.getMessage(), e);
        }
    }
}
