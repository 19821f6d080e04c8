// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.observability.files;

import dev.ayo4j.Closing;
import dev.ayo4j.runtime.RunListener;
import dev.ayo4j.runtime.trace.TraceSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Writer of a directory of trace files ({@link TraceSchema}): run and primitive rows from its {@link
 * #listener listeners}, telemetry samples from {@link #add(List)}. Parquet, written by DuckDB (an in-memory
 * database used only to encode: rows are appended to a table, copied to a file, and the table dropped):
 * columnar and compressed, so a day of samples stays small, and read in place by DuckDB, Spark or pandas.
 *
 * <p>Bounded everywhere: rows of one kind are written out as one file when they reach {@link
 * Limits#maxFileBytes()} or are {@link Limits#flushEvery()} old, and at {@link #close()}; after each file the
 * oldest files are deleted while the directory holds more than {@link Limits#maxTotalBytes()}. A file is
 * written under a hidden temporary name and renamed when complete, so a crash leaves whole files and at most
 * one stray temporary file (deleted when the directory is next opened); rows not yet written are lost then.
 * When writing fails (a full disk), the rows are dropped with a warning rather than held.
 *
 * <p>Thread-safe; {@link #add} and the listeners never block on the disk: files are written on one background
 * thread, and when it falls more than {@link #MAX_PENDING_FILES} files behind, further full files' rows are
 * dropped with a warning rather than queued.
 */
public final class TraceFiles implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(TraceFiles.class.getName());
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    /** Full files waiting for the writer thread beyond which rows are dropped. */
    public static final int MAX_PENDING_FILES = 8;

    private final Path dir;
    private final Limits limits;
    private final Connection db;
    private final Table runs;
    private final Table primitives;
    private final Table samples;
    private final ScheduledExecutorService flusher;
    private final java.util.concurrent.atomic.AtomicInteger pending = new java.util.concurrent.atomic.AtomicInteger();
    private long seq;
    private boolean closed;

    private TraceFiles(Path dir, Limits limits) throws SQLException {
        this.dir = dir;
        this.limits = limits;
        this.db = DriverManager.getConnection("jdbc:duckdb:");
        this.runs = new Table(TraceSchema.RUNS);
        this.primitives = new Table(TraceSchema.PRIMITIVES);
        this.samples = new Table(TraceSchema.SAMPLES);
        this.flusher = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("ayo4j-trace-files").factory());
        long every = limits.flushEvery().toMillis();
        flusher.scheduleWithFixedDelay(this::flushQuietly, every, every, TimeUnit.MILLISECONDS);
    }

    /** Opens (creating it) the directory {@code dir}; deletes temporary files a crash left there. */
    public static TraceFiles open(Path dir, Limits limits) {
        Objects.requireNonNull(limits, "limits");
        try {
            Files.createDirectories(dir);
            try (Stream<Path> s = Files.list(dir)) {
                for (Path p : s.filter(p -> p.getFileName().toString().endsWith(".parquet.tmp")).toList()) {
                    Files.deleteIfExists(p);
                }
            }
            return new TraceFiles(dir, limits);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the trace directory " + dir + ": " + e.getMessage(), e);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot start DuckDB to write trace files: " + e.getMessage(), e);
        }
    }

    /** The directory written to. */
    public Path directory() {
        return dir;
    }

    /**
     * A listener that writes a row per run and per primitive of the runs it hears, labelled {@code app} and
     * {@code system} (what ran them, e.g. {@code ayo4j} or {@code no-passes}).
     */
    public RunListener listener(String app, String system) {
        return new TraceFileListener(this, Objects.requireNonNull(app, "app"), Objects.requireNonNull(system, "system"));
    }

    /** Adds telemetry samples. */
    public void add(List<SampleRow> rows) {
        for (SampleRow r : rows) {
            samples.add(new Object[] {LocalDateTime.ofInstant(r.ts(), ZoneOffset.UTC), r.host(), r.source(),
                r.metric(), r.labels(), r.value()});
        }
    }

    void addRun(Object[] row) {
        runs.add(row);
    }

    void addPrimitive(Object[] row) {
        primitives.add(row);
    }

    /** Writes every held row out now, one file per kind that has rows. */
    public void flush() {
        runs.write();
        primitives.write();
        samples.write();
    }

    private void flushQuietly() {
        try {
            flush();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "writing trace files to " + dir + " failed", e);
        }
    }

    /** Writes the held rows and stops; later rows are dropped. */
    @Override
    public void close() {
        Closing.shutdownAndAwait(flusher, Duration.ofSeconds(30));
        flushQuietly();
        synchronized (this) {
            closed = true;
            try {
                db.close();
            } catch (SQLException e) {
                LOG.log(System.Logger.Level.WARNING, "closing DuckDB failed", e);
            }
        }
    }

    /** Writes {@code rows} as one file of {@code kind}, then keeps the directory within its bound. */
    private synchronized void write(TraceSchema.FileKind kind, List<Object[]> rows) {
        if (closed) {
            LOG.log(System.Logger.Level.WARNING, "trace files closed; dropped {0} {1} rows", rows.size(), kind.prefix());
            return;
        }
        String stamp = LocalDateTime.now(ZoneOffset.UTC).format(STAMP);
        Path target;
        do {
            target = dir.resolve(String.format("%s-%s-%06d.parquet", kind.prefix(), stamp, ++seq));
        } while (Files.exists(target));
        Path tmp = dir.resolve("." + target.getFileName() + ".tmp");
        String table = "rows_" + kind.prefix();
        try (Statement st = db.createStatement()) {
            st.execute("CREATE OR REPLACE TEMP TABLE " + table + " (" + kind.ddl() + ")");
            try (DuckDBAppender a = ((DuckDBConnection) db).createAppender(DuckDBConnection.DEFAULT_SCHEMA, table)) {
                for (Object[] row : rows) {
                    a.beginRow();
                    for (Object v : row) {
                        switch (v) {
                            case null -> a.appendNull();
                            case String s -> a.append(s);
                            case Double d -> a.append(d.doubleValue());
                            case Long l -> a.append(l.longValue());
                            case Integer i -> a.append(i.intValue());
                            case LocalDateTime t -> a.append(t);
                            default -> throw new IllegalArgumentException("unsupported column value " + v.getClass());
                        }
                    }
                    a.endRow();
                }
            }
            st.execute("COPY " + table + " TO '" + tmp.toString().replace("'", "''")
                    + "' (FORMAT PARQUET, COMPRESSION ZSTD)");
            st.execute("DROP TABLE " + table);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (SQLException | IOException e) {
            LOG.log(System.Logger.Level.WARNING, "could not write " + target + "; dropped " + rows.size() + " "
                    + kind.prefix() + " rows: " + e.getMessage());
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // Nothing more to do: the next open deletes it.
            }
            return;
        }
        bound();
    }

    /** Deletes the oldest trace files while the directory holds more than the limit. */
    private void bound() {
        List<Path> files = new ArrayList<>();
        long total = 0;
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.filter(TraceFiles::isTraceFile).toList()) {
                files.add(p);
                total += Files.size(p);
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot list " + dir + ": " + e.getMessage());
            return;
        }
        // Name order past the kind is time order: <yyyyMMdd-HHmmss>-<seq>.
        files.sort(Comparator.comparing(p -> p.getFileName().toString().substring(
                p.getFileName().toString().indexOf('-') + 1)));
        for (Path p : files) {
            if (total <= limits.maxTotalBytes()) {
                break;
            }
            try {
                long size = Files.size(p);
                Files.delete(p);
                total -= size;
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "cannot delete " + p + ": " + e.getMessage());
            }
        }
    }

    private static boolean isTraceFile(Path p) {
        String n = p.getFileName().toString();
        return TraceSchema.KINDS.stream().anyMatch(k -> k.matches(n));
    }

    /** Rows of one kind held in memory until written, bounded by a file's worth. */
    private final class Table {
        private final TraceSchema.FileKind kind;
        private List<Object[]> rows = new ArrayList<>();
        private long bytes;

        Table(TraceSchema.FileKind kind) {
            this.kind = kind;
        }

        void add(Object[] row) {
            List<Object[]> full = null;
            synchronized (this) {
                rows.add(row);
                bytes += estimate(row);
                if (bytes >= limits.maxFileBytes()) {
                    full = take();
                }
            }
            if (full != null) {
                List<Object[]> rows = full;
                if (pending.incrementAndGet() > MAX_PENDING_FILES) {
                    pending.decrementAndGet();
                    LOG.log(System.Logger.Level.WARNING, "trace files behind; dropped {0} {1} rows", rows.size(),
                            kind.prefix());
                    return;
                }
                try {
                    flusher.execute(() -> {
                        try {
                            TraceFiles.this.write(kind, rows);
                        } finally {
                            pending.decrementAndGet();
                        }
                    });
                } catch (java.util.concurrent.RejectedExecutionException closing) {
                    pending.decrementAndGet();
                    TraceFiles.this.write(kind, rows);
                }
            }
        }

        void write() {
            List<Object[]> taken;
            synchronized (this) {
                taken = take();
            }
            if (!taken.isEmpty()) {
                TraceFiles.this.write(kind, taken);
            }
        }

        private List<Object[]> take() {
            List<Object[]> taken = rows;
            rows = new ArrayList<>();
            bytes = 0;
            return taken;
        }

        private static long estimate(Object[] row) {
            long n = 0;
            for (Object v : row) {
                n += v instanceof String s ? s.length() + 4 : 8;
            }
            return n;
        }
    }
}
