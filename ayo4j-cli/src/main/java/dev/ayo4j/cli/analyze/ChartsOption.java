// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.cli.analyze;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/** {@code --charts DIR}: the analyses that draw figures also write the main ones as PNG and SVG files. */
final class ChartsOption {
    @Option(names = "--charts", paramLabel = "DIR",
            description = "Also write the main figures as PNG and SVG files (for docs) into DIR.")
    @Nullable Path charts;

    /** If a folder was given, writes the figures into it with {@code write} and names each file on {@code w}. */
    void write(PrintWriter w, Function<Path, List<Path>> write) {
        if (charts != null) {
            write.apply(charts).forEach(f -> w.println("chart: " + f));
        }
    }
}
