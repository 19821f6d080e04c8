// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.cli.analyze;

import dev.ayo4j.analytics.Database;
import java.util.function.Function;
import picocli.CommandLine.Option;

/** {@code --memory}: the DuckDB memory limit every {@code analyze} command opens its database with. */
final class DatabaseOption {
    @Option(names = "--memory", paramLabel = "SIZE", defaultValue = Database.DEFAULT_MEMORY_LIMIT,
            description = "DuckDB memory limit; past it DuckDB spills to disk.")
    String memory;

    /** Runs {@code analysis} on an in-process database within the limit, closed after it. */
    <R> R analyze(Function<Database, R> analysis) {
        try (Database db = Database.open(memory)) {
            return analysis.apply(db);
        }
    }
}
