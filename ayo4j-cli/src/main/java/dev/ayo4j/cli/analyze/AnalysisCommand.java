// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.cli.analyze;

import dev.ayo4j.analytics.Database;
import dev.ayo4j.analytics.HtmlReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;

/**
 * What the {@code analyze} commands have in common: the database they analyse in ({@code --memory}), the HTML
 * report each writes, and the command line's output and usage errors.
 */
abstract class AnalysisCommand implements Callable<Integer> {
    @Mixin
    DatabaseOption database;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /**
     * Runs {@code analysis} on a database opened within {@code --memory}, writes the report's HTML rendering
     * ({@code html}) to {@code htmlFile}, and returns the report.
     */
    final <R> R report(Function<Database, R> analysis, Function<R, HtmlReport> html, Path htmlFile) {
        R report = database.analyze(analysis);
        html.apply(report).write(htmlFile);
        return report;
    }

    /** Where the command prints its summary. */
    final PrintWriter output() {
        return spec.commandLine().getOut();
    }

    /** A wrong command line, said with {@code message}: exit code 2 and the usage. */
    final CommandLine.ParameterException usageError(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
