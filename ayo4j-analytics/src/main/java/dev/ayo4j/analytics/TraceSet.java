// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.analytics;

import dev.ayo4j.analytics.Database.Row;
import dev.ayo4j.runtime.trace.TraceSchema;
import dev.ayo4j.runtime.trace.TraceSchema.Column;
import dev.ayo4j.runtime.trace.TraceSchema.FileKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The trace files of one directory, checked and exposed as views: {@code <prefix>runs},
 * {@code <prefix>primitives} and {@code <prefix>samples}. Each file's footer and columns are read first; a file
 * that is not a complete Parquet file (a writer that crashed leaves no footer) or lacks a column is left out and
 * reported as a {@link Skip}. A kind with no usable file becomes an empty view of the right columns, except
 * runs: a directory without a readable runs file is an {@link InvalidInputException}.
 *
 * @param directory the directory read
 * @param files     usable files of each kind
 * @param skips     files left out, with why
 */
public record TraceSet(Path directory, Map<String, List<Path>> files, List<Skip> skips) {
    public TraceSet {
        files = Map.copyOf(files);
        skips = List.copyOf(skips);
    }

    /** Usable files of {@code kind}. */
    public List<Path> files(FileKind kind) {
        return files.getOrDefault(kind.prefix(), List.of());
    }

    /** Reads {@code directory} into views named {@code prefix + kind} in {@code db}. */
    public static TraceSet open(Database db, Path directory, String prefix) {
        Objects.requireNonNull(directory, "directory");
        if (!Files.exists(directory)) {
            throw new InvalidInputException("no such directory: " + directory);
        }
        if (!Files.isDirectory(directory)) {
            throw new InvalidInputException("not a directory: " + directory
                    + " (give the directory that holds runs-*.parquet and primitives-*.parquet)");
        }
        List<Path> all;
        try (Stream<Path> list = Files.list(directory)) {
            all = list.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new InvalidInputException("cannot list " + directory + ": " + e.getMessage());
        }
        Map<String, List<Path>> usable = new LinkedHashMap<>();
        List<Skip> skips = new ArrayList<>();
        for (FileKind kind : TraceSchema.KINDS) {
            List<Path> good = new ArrayList<>();
            for (Path f : all) {
                if (!kind.matches(f.getFileName().toString())) {
                    continue;
                }
                String problem = check(db, f, kind);
                if (problem == null) {
                    good.add(f);
                } else {
                    skips.add(new Skip(f.getFileName().toString(), problem));
                }
            }
            usable.put(kind.prefix(), good);
            db.execute("CREATE OR REPLACE TEMPORARY VIEW " + prefix + kind.prefix() + " AS " + select(kind, good));
        }
        if (usable.get(TraceSchema.RUNS.prefix()).isEmpty()) {
            String found = all.isEmpty() ? "the directory is empty"
                    : skips.isEmpty() ? "it holds " + all.size() + " file(s), none named runs-*.parquet"
                    : "every runs file was left out: " + skips.stream()
                            .map(s -> s.what() + " (" + s.reason() + ")").collect(Collectors.joining("; "));
            throw new InvalidInputException("no readable run trace in " + directory + ": " + found);
        }
        return new TraceSet(directory, usable, skips);
    }

    /** Why {@code file} cannot be read as {@code kind}, or null if it can. */
    private static String check(Database db, Path file, FileKind kind) {
        List<Row> described;
        try {
            described = db.rows("DESCRIBE SELECT * FROM read_parquet(" + Database.literal(file.toString()) + ")");
        } catch (Database.QueryException e) {
            return "not a complete Parquet file (a writer that stopped mid-file leaves no footer): " + e.reason();
        }
        Map<String, String> types = new LinkedHashMap<>();
        for (Row r : described) {
            types.put(r.str("column_name").toLowerCase(Locale.ROOT), r.str("column_type"));
        }
        List<String> missing = new ArrayList<>();
        List<String> wrong = new ArrayList<>();
        for (Column c : kind.columns()) {
            String type = types.get(c.name());
            if (type == null) {
                missing.add(c.name());
            } else if (!sameFamily(c.type(), type)) {
                wrong.add(c.name() + " is " + type + ", expected " + c.type());
            }
        }
        if (!missing.isEmpty()) {
            return "missing column(s) " + String.join(", ", missing);
        }
        if (!wrong.isEmpty()) {
            return String.join("; ", wrong);
        }
        return null;
    }

    private static boolean sameFamily(String expected, String actual) {
        String a = actual.toUpperCase(Locale.ROOT);
        return switch (expected) {
            case "VARCHAR" -> a.equals("VARCHAR");
            case "TIMESTAMP" -> a.startsWith("TIMESTAMP");
            case "DOUBLE" -> a.equals("DOUBLE") || a.equals("FLOAT") || a.startsWith("DECIMAL");
            case "BIGINT", "INTEGER" -> a.matches("U?(TINYINT|SMALLINT|INTEGER|BIGINT)");
            default -> throw new IllegalStateException("no type family for " + expected);
        };
    }

    /** The view body: the usable files, cast to the schema's types, or an empty relation of those columns. */
    private static String select(FileKind kind, List<Path> files) {
        String columns = kind.columns().stream()
                .map(c -> "CAST(" + c.name() + " AS " + c.type() + ") AS " + c.name())
                .collect(Collectors.joining(", "));
        if (files.isEmpty()) {
            String nulls = kind.columns().stream()
                    .map(c -> "CAST(NULL AS " + c.type() + ") AS " + c.name())
                    .collect(Collectors.joining(", "));
            return "SELECT " + nulls + " WHERE 1 = 0";
        }
        String list = files.stream().map(p -> Database.literal(p.toString())).collect(Collectors.joining(", "));
        return "SELECT " + columns + " FROM read_parquet([" + list + "], union_by_name = true)";
    }

    /** Skips of each kind of reason, for a one-line summary. */
    public String skipSummary() {
        if (skips.isEmpty()) {
            return "no files skipped";
        }
        return skips.size() + " file(s) skipped: " + skips.stream()
                .map(s -> s.what() + " (" + s.reason() + ")").collect(Collectors.joining("; "));
    }

}
