// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.cli.model;

import dev.ayo4j.models.ModelCache;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/** The {@code --cache DIR} option shared by the model commands. */
final class CacheOption {
    @Option(names = "--cache", paramLabel = "DIR",
            description = "Model cache folder (default: $AYO4J_HOME/models, where AYO4J_HOME defaults to ~/.ayo4j).")
    @Nullable Path dir;

    ModelCache cache() {
        return dir == null ? ModelCache.atDefaultLocation() : new ModelCache(dir);
    }
}
