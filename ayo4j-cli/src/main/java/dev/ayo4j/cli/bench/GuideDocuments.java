package dev.ayo4j.cli.bench;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The project's guide bundled in the command-line jar: the benchmark's corpus when no dataset is found. */
final class GuideDocuments {
    private static final String FOLDER = "dev/ayo4j/cli/guide";

    /** Questions about the guide, used with it. */
    static final List<String> QUESTIONS = List.of(
            "How does ayo4j take the prefill of the answer prompt off the critical path?",
            "Which passes does the planner apply and in what order?",
            "How are embedding batches formed for padding-sensitive encoders?",
            "What happens when an expanded query item never closes in the token stream?");

    private GuideDocuments() {}

    static List<Document> load() {
        URL url = GuideDocuments.class.getClassLoader().getResource(FOLDER);
        if (url == null) {
            throw new Ayo4jException("the bundled guide is missing from the build (" + FOLDER + "); rebuild the tool");
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
            throw new Ayo4jException("cannot read the bundled guide: " + e.getMessage(), e);
        }
    }

    private static List<Document> read(Path folder) throws IOException {
        List<Document> docs = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path p : files.filter(f -> f.getFileName().toString().endsWith(".md")).sorted().toList()) {
                docs.add(new Document("guide/" + p.getFileName(), Files.readString(p, StandardCharsets.UTF_8)));
            }
        }
        return docs;
    }
}
