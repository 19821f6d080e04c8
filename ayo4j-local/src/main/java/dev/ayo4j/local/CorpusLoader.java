// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.local;

import dev.ayo4j.Ayo4jException;
import dev.ayo4j.spi.Passage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Reads a folder of text documents into a {@link Corpus}: every {@code .md}, {@code .markdown},
 * {@code .txt}, {@code .rst} and {@code .adoc} file below it, in path order, decoded strictly as
 * UTF-8. A file that is not valid UTF-8, looks binary or is blank is skipped and reported with the
 * reason; nothing is silently dropped. A folder with no readable document is an error.
 */
public final class CorpusLoader {
    /** File extensions read as documents. */
    public static final Set<String> EXTENSIONS = Set.of("md", "markdown", "txt", "rst", "adoc");

    private final Chunker chunker;

    public CorpusLoader(Chunker chunker) {
        this.chunker = chunker;
    }

    /** Loads every document below {@code root}. */
    public Corpus load(Path root) {
        if (!Files.isDirectory(root)) {
            throw new Ayo4jException("documents folder " + root + " does not exist or is not a folder");
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(Files::isRegularFile).filter(CorpusLoader::isDocument).sorted().toList();
        } catch (IOException e) {
            throw new Ayo4jException("cannot list documents in " + root + ": " + e.getMessage(), e);
        }
        List<Document> documents = new ArrayList<>();
        List<Corpus.Skipped> skipped = new ArrayList<>();
        for (Path file : files) {
            String name = root.relativize(file).toString().replace('\\', '/');
            try {
                documents.add(new Document(name, decode(Files.readAllBytes(file))));
            } catch (UnreadableException e) {
                skipped.add(new Corpus.Skipped(name, e.getMessage()));
            } catch (IOException e) {
                skipped.add(new Corpus.Skipped(name, "cannot be read: " + e.getMessage()));
            }
        }
        return build(root.toString(), documents, skipped);
    }

    /** Builds a corpus from documents already in memory (e.g. the demo's bundled guide). */
    public Corpus of(String origin, List<Document> documents) {
        return build(origin, documents, List.of());
    }

    private Corpus build(String origin, List<Document> documents, List<Corpus.Skipped> skipped) {
        List<Document> kept = new ArrayList<>();
        List<Corpus.Skipped> left = new ArrayList<>(skipped);
        List<Passage> passages = new ArrayList<>();
        List<Corpus.Split> split = new ArrayList<>();
        for (Document d : documents) {
            List<Passage> p = chunker.chunk(d);
            if (p.isEmpty()) {
                left.add(new Corpus.Skipped(d.name(), "blank document"));
                continue;
            }
            kept.add(d);
            passages.addAll(p);
            if (p.size() > 1) {
                split.add(new Corpus.Split(d.name(), Chunker.words(d.text()), p.size()));
            }
        }
        if (passages.isEmpty()) {
            throw new Ayo4jException("no documents to index in " + origin + ": looked for files ending in "
                    + EXTENSIONS.stream().sorted().map(e -> "." + e).toList()
                    + (left.isEmpty() ? "" : "; skipped " + left.stream().limit(10)
                            .map(k -> k.name() + " (" + k.reason() + ")").collect(Collectors.joining(", "))
                            + (left.size() > 10 ? " and " + (left.size() - 10) + " more" : "")));
        }
        return new Corpus(kept, passages, left, split);
    }

    private static boolean isDocument(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 && EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    /**
     * {@code bytes} as a document's text, decoded as the loader decodes files: strictly as UTF-8, and
     * refused if it looks binary. Used by whatever takes documents from elsewhere (an upload), so that
     * every document is read the same way.
     *
     * @throws IllegalArgumentException naming why the bytes are not a text document
     */
    public static String decodeText(byte[] bytes) {
        try {
            return decode(bytes);
        } catch (UnreadableException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private static String decode(byte[] bytes) throws UnreadableException {
        for (int i = 0; i < Math.min(bytes.length, 8192); i++) {
            if (bytes[i] == 0) {
                throw new UnreadableException("binary file (a NUL byte at offset " + i + ")");
            }
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        try {
            return decoder.decode(in).toString();
        } catch (MalformedInputException e) {
            throw new UnreadableException("not UTF-8 text: invalid byte sequence at offset " + in.position()
                    + "; convert it to UTF-8 (e.g. iconv -t UTF-8)");
        } catch (CharacterCodingException e) {
            throw new UnreadableException("not UTF-8 text: " + e.getMessage());
        }
    }

    /** A file that is not a readable text document. */
    private static final class UnreadableException extends Exception {
        UnreadableException(String message) {
            super(message, null, false, false);
        }
    }
}
