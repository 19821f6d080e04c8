// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.local;

import dev.ayo4j.Ayo4jException;
import dev.ayo4j.app.Apps;
import dev.ayo4j.app.QueryShape;
import dev.ayo4j.graph.PrimitiveGraph;
import dev.ayo4j.plan.Passes;
import dev.ayo4j.plan.Planner;
import dev.ayo4j.plan.PlannerContext;
import dev.ayo4j.runtime.Ayo4jRuntime;
import dev.ayo4j.spi.Passage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The vector collection that holds one corpus, in a vector store's data folder: its jobs are naming,
 * owning and synchronising that collection.
 * <ul>
 *   <li><b>Name.</b> A folder's collection is named after the folder plus the first 16 hex digits of the
 *       SHA-256 of its canonical path, so different folders get different collections.</li>
 *   <li><b>Source.</b> The source (the canonical path) is stored beside the collection
 *       ({@code <name>.source}); opening a collection recorded for another source is refused.</li>
 *   <li><b>Ownership.</b> An instance holds an OS lock on {@code <name>.lock}, which names the holding
 *       process, until {@link #close()}; a second process is refused at once, naming the first, before it
 *       loads any engine.</li>
 *   <li><b>Sync.</b> {@link #sync} makes the collection equal to the corpus: passages whose ids are gone
 *       are deleted, new or changed ones are embedded, unchanged ones are kept, so a command ingests once
 *       and later runs over the same folder embed only what changed.</li>
 * </ul>
 */
public final class CorpusCollection implements AutoCloseable {
    /** Passages ingested per run of the ingestion app, between progress reports. */
    public static final int CHUNK = 128;

    private final String name;
    private final String source;
    private final FileChannel lockChannel;
    private final FileLock lock;

    /** What {@link #sync} did. */
    public record Sync(int kept, int embedded, int deleted) {}

    private CorpusCollection(String name, String source, FileChannel lockChannel, FileLock lock) {
        this.name = name;
        this.source = source;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /** The collection of documents folder {@code folder}, under {@code dataDir}, locked for this process. */
    public static CorpusCollection forFolder(Path dataDir, Path folder) {
        Path canonical;
        try {
            canonical = folder.toRealPath();
        } catch (IOException e) {
            throw new Ayo4jException("documents folder " + folder + " does not exist or cannot be read: " + e.getMessage(), e);
        }
        return open(dataDir, nameFor(canonical), canonical.toString());
    }

    /** The collection called {@code name} holding {@code source} (e.g. a bundled corpus), locked for this process. */
    public static CorpusCollection open(Path dataDir, String name, String source) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(source, "source");
        try {
            Files.createDirectories(dataDir);
            FileChannel channel = FileChannel.open(dataDir.resolve(name + ".lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                String holder = holder(channel);
                channel.close();
                throw new Ayo4jException(String.format("the collection %s of %s is in use by another ayo4j process%s;"
                        + " wait until it ends, or stop it%s", name, source,
                        holder.isEmpty() ? "" : " (pid " + holder + ")", holder.isEmpty() ? "" : " (kill " + holder + ")"));
            }
            channel.truncate(0).write(ByteBuffer.wrap(Long.toString(ProcessHandle.current().pid())
                    .getBytes(StandardCharsets.US_ASCII)), 0);
            try {
                checkSource(dataDir, name, source);
            } catch (RuntimeException e) {
                channel.close();
                throw e;
            }
            return new CorpusCollection(name, source, channel, lock);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock the collection " + name + " in " + dataDir + ": "
                    + e.getMessage(), e);
        }
    }

    /** The collection name of documents folder {@code folder}, as {@link #forFolder} names it. */
    public static String nameOf(Path folder) {
        try {
            return nameFor(folder.toRealPath());
        } catch (IOException e) {
            throw new Ayo4jException("documents folder " + folder + " does not exist or cannot be read: " + e.getMessage(), e);
        }
    }

    /** {@code <folder name>-<16 hex digits of the SHA-256 of the canonical path>}. */
    static String nameFor(Path canonical) {
        String base = canonical.getFileName() == null ? "docs"
                : canonical.getFileName().toString().replaceAll("[^A-Za-z0-9_-]", "_");
        if (base.isEmpty() || !Character.isLetterOrDigit(base.charAt(0))) {
            base = "docs" + base;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
            return (base.length() > 100 ? base.substring(0, 100) : base) + "-" + HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError("every JDK has SHA-256", e);
        }
    }

    private static String holder(FileChannel channel) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(32);
        channel.read(buf, 0);
        return new String(buf.array(), 0, buf.position(), StandardCharsets.US_ASCII).strip();
    }

    private static void checkSource(Path dataDir, String name, String source) throws IOException {
        Path file = dataDir.resolve(name + ".source");
        if (Files.isRegularFile(file)) {
            String recorded = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (!recorded.equals(source)) {
                throw new Ayo4jException(String.format("the collection %s in %s holds %s, not %s; refusing to mix"
                        + " them: delete %s and %s to start it afresh", name, dataDir, recorded, source,
                        dataDir.resolve(name), file));
            }
            return;
        }
        Path tmp = Files.createTempFile(dataDir, "." + name, ".source.tmp");
        Files.writeString(tmp, source + System.lineSeparator(), StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    public String name() {
        return name;
    }

    /** The canonical path of the folder (or the name of a bundled corpus) the collection holds. */
    public String source() {
        return source;
    }

    /**
     * Makes the collection in {@code stack}'s vector store equal to {@code corpus}: deletes passages whose
     * ids the corpus no longer has, embeds and stores new or changed passages through the ingestion app in
     * chunks of {@link #CHUNK}, reporting each chunk to {@code progress}, and keeps the rest.
     */
    public Sync sync(LocalStack stack, Corpus corpus, IngestProgress progress, Duration deadline) {
        Map<String, String> held = stack.vectors().texts(name);
        Set<String> wanted = corpus.passages().stream().map(Passage::id).collect(Collectors.toSet());
        List<String> gone = held.keySet().stream().filter(id -> !wanted.contains(id)).sorted().toList();
        stack.vectors().delete(name, gone);
        List<Passage> todo = corpus.passages().stream().filter(p -> !p.text().equals(held.get(p.id()))).toList();
        if (!todo.isEmpty()) {
            progress.start(name, todo.size());
            try (Ayo4jRuntime runtime = stack.newRuntime()) {
                Planner planner = new Planner(Passes.STANDARD, PlannerContext.defaults());
                for (int from = 0; from < todo.size(); from += CHUNK) {
                    List<Passage> chunk = todo.subList(from, Math.min(todo.size(), from + CHUNK));
                    PrimitiveGraph graph = planner.optimize(Apps.ingest().withCollection(name)
                            .lower(new QueryShape(chunk.size(), passageTokens(chunk), 1))).result();
                    runtime.run(graph, Map.of("passages", chunk), deadline);
                    progress.advance(from + chunk.size());
                }
            }
            progress.finish(todo.size());
        }
        return new Sync(corpus.passages().size() - todo.size(), todo.size(), gone.size());
    }

    /** About 4 tokens per 3 words, as the apps' lowering assumes. */
    private static int passageTokens(List<Passage> passages) {
        long words = 0;
        for (Passage p : passages) {
            words += Chunker.words(p.text());
        }
        return (int) Math.max(1, words * 4 / 3 / passages.size());
    }

    /** Releases the lock; the collection stays on disk. */
    @Override
    public void close() {
        try (lockChannel) {
            lock.release();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot release the lock of collection " + name, e);
        }
    }
}
