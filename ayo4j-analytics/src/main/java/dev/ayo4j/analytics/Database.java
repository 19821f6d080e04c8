// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.analytics;

import dev.ayo4j.Checks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * An in-process DuckDB database with the few functions the portable SQL files use under their Spark SQL names
 * ({@code unix_micros}), a memory limit past which DuckDB spills to a temporary folder, and small result sets
 * read into {@link Row}s. The heavy work (scans, joins, aggregations over millions of spans) stays inside
 * DuckDB; only aggregates come back to the JVM.
 */
public final class Database implements AutoCloseable {
    /** DuckDB's memory limit unless told otherwise: past it, joins and sorts spill to disk. */
    public static final String DEFAULT_MEMORY_LIMIT = "1GB";

    private final Connection connection;
    private final Path spill;

    private Database(Connection connection, Path spill) {
        this.connection = connection;
        this.spill = spill;
    }

    /** An empty in-memory database limited to {@code memoryLimit} (DuckDB syntax, e.g. {@code 1GB}). */
    public static Database open(String memoryLimit) {
        Objects.requireNonNull(memoryLimit, "memoryLimit");
        Checks.argument(memoryLimit.matches("\\d+(\\.\\d+)?\\s*[KMGT]i?B"), "memory limit must look like 1GB: %s",
                memoryLimit);
        try {
            Path spill = Files.createTempDirectory("ayo4j-analytics");
            Connection c = DriverManager.getConnection("jdbc:duckdb:");
            Database db = new Database(c, spill);
            db.execute("SET memory_limit = '" + memoryLimit + "'");
            db.execute("SET temp_directory = " + literal(spill.toString()));
            db.execute("SET preserve_insertion_order = false");
            // The SQL files use Spark SQL's names; these macros give DuckDB the same functions.
            db.execute("CREATE MACRO unix_micros(t) AS epoch_us(t)");
            return db;
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("cannot start DuckDB: " + e.getMessage(), e);
        }
    }

    /** An SQL string literal of {@code s}. */
    public static String literal(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    /** Runs a statement that returns no rows. */
    public void execute(String sql) {
        try (Statement s = connection.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new QueryException(sql, e);
        }
    }

    /** Runs a query and reads all its rows (queries here return aggregates: tens to thousands of rows). */
    public List<Row> rows(String sql) {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            ResultSetMetaData meta = rs.getMetaData();
            int n = meta.getColumnCount();
            List<String> names = new ArrayList<>(n);
            for (int i = 1; i <= n; i++) {
                names.add(meta.getColumnLabel(i).toLowerCase(Locale.ROOT));
            }
            List<Row> rows = new ArrayList<>();
            while (rs.next()) {
                Map<String, Object> values = new LinkedHashMap<>();
                for (int i = 1; i <= n; i++) {
                    values.put(names.get(i - 1), rs.getObject(i));
                }
                rows.add(new Row(values));
            }
            return rows;
        } catch (SQLException e) {
            throw new QueryException(sql, e);
        }
    }

    /** Runs one of the project's SQL files. */
    public List<Row> rows(Sql sql) {
        return rows(sql.text());
    }

    /** The single row of a query that returns one. */
    public Row row(Sql sql) {
        List<Row> rows = rows(sql);
        Checks.state(rows.size() == 1, "query %s returned %s rows, expected one", sql.name(), rows.size());
        return rows.getFirst();
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot close DuckDB: " + e.getMessage(), e);
        } finally {
            try (var files = Files.walk(spill)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException _) {
                // A spill folder left behind in the temporary directory is harmless.
            }
        }
    }

    /** A query DuckDB refused or failed; the message carries DuckDB's first line. */
    public static final class QueryException extends RuntimeException {
        QueryException(String sql, SQLException cause) {
            super(firstLine(cause.getMessage()) + " (in: " + abbreviate(sql) + ")", cause);
        }

        /** DuckDB's own message, without the query. */
        public String reason() {
            return firstLine(getCause().getMessage());
        }

        private static String abbreviate(String sql) {
            String flat = sql.replaceAll("\\s+", " ").strip();
            return flat.length() <= 160 ? flat : flat.substring(0, 157) + "...";
        }
    }

    static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        String line = message.strip().lines().findFirst().orElse(message);
        return line.length() <= 300 ? line : line.substring(0, 297) + "...";
    }

    /** One result row: values by lower-case column name. */
    public record Row(Map<String, Object> values) {
        /** The column as a string, or null. */
        public String str(String column) {
            Object v = get(column);
            return v == null ? null : v.toString();
        }

        /** The column as a double; NaN when null. */
        public double dbl(String column) {
            Object v = get(column);
            return v == null ? Double.NaN : ((Number) v).doubleValue();
        }

        /** The column as a long; 0 when null. */
        public long lng(String column) {
            Object v = get(column);
            return v == null ? 0 : ((Number) v).longValue();
        }

        private Object get(String column) {
            Checks.argument(values.containsKey(column), "no column %s in %s", column, values.keySet());
            return values.get(column);
        }
    }
}
