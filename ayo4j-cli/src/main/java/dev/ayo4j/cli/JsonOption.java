// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.cli;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/** {@code --json FILE}, for use as a picocli {@code @Mixin}: a benchmark's figures also written as JSON. */
public final class JsonOption {
    @Option(names = "--json", description = "Also write the figures as JSON to this file.")
    @Nullable Path json;

    /** Writes {@code figures} to the file, if one was given, and says so on standard output. */
    public void write(Object figures) {
        if (json != null) {
            Json.write(json, figures);
            System.out.println("wrote " + json);
        }
    }
}
