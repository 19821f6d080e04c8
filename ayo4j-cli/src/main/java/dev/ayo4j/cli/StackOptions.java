// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.cli;

import dev.ayo4j.app.App;
import dev.ayo4j.cli.model.ModelOptions;
import dev.ayo4j.local.LocalStackOptions;
import dev.ayo4j.models.ModelCache;
import dev.ayo4j.models.ResolvedModel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Options shared by commands that run apps on the embedded engines. */
final class StackOptions {
    @Mixin
    ModelOptions models;

    @Mixin
    EngineThreadsOption threads;

    @Mixin
    ContextOrderOption contextOrder;

    @Option(names = "--deadline", defaultValue = "PT10M", description = "Deadline per query, ISO-8601.")
    Duration deadline;

    /** The model to run: given, else the first pulled GGUF, else a synthetic one written on first use. */
    ResolvedModel resolveModel() {
        return models.resolve();
    }

    /** The embedded stack with the default LLM slots, for a server whose apps are not known yet. */
    LocalStackOptions stack(ResolvedModel chosen) {
        // Vector collections live beside the model cache, in ayo4j's home folder ($AYO4J_HOME, ~/.ayo4j).
        Path data = ModelCache.home(System.getenv()).resolve("data");
        return threads.applyTo(LocalStackOptions.of(chosen.path(), data)).withSynthetic(!chosen.meaningfulText());
    }

    /** The embedded stack for {@code app}, its LLM with a slot per prompt template the app sends it. */
    LocalStackOptions stack(ResolvedModel chosen, App app) {
        return stack(chosen).withSlotsFor(List.of(app));
    }
}
