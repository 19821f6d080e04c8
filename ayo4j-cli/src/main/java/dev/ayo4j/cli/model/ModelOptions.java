// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.cli.model;

import dev.ayo4j.models.ModelCache;
import dev.ayo4j.models.ModelResolver;
import dev.ayo4j.models.ResolvedModel;
import dev.ayo4j.models.SyntheticShape;
import java.nio.file.Path;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * Options that choose the LLM weights of a command that runs a model ({@code demo}, {@code run}), for use
 * as a picocli {@code @Mixin}: {@code --model FILE}, else the first model pulled into the cache, else a
 * synthetic model of {@code --synthetic-shape} written on first use. Callers print
 * {@link ResolvedModel#description()} so that users learn when the text is meaningless.
 */
public final class ModelOptions {
    @Option(names = "--model", paramLabel = "FILE",
            description = "GGUF model file (default: the first model pulled into the cache, else a synthetic one).")
    @Nullable Path model;

    @Option(names = "--synthetic-shape", defaultValue = "small", paramLabel = "SHAPE",
            description = "Shape of the synthetic fallback model: small, tiny or qwen2.5-0.5b"
                    + "; its random weights produce meaningless text.")
    String syntheticShape = "small";

    @Option(names = "--model-cache", paramLabel = "DIR",
            description = "Model cache folder (default: $AYO4J_HOME/models, where AYO4J_HOME defaults to ~/.ayo4j).")
    @Nullable Path cacheDir;

    @CommandLine.Spec(CommandLine.Spec.Target.MIXEE)
    CommandLine.Model.@Nullable CommandSpec spec;

    /** The model to run, validated; see {@link ModelResolver#resolve(Optional)}. */
    public ResolvedModel resolve() {
        SyntheticShape shape;
        try {
            shape = SyntheticShape.of(syntheticShape);
        } catch (IllegalArgumentException e) {
            if (spec == null) {
                throw e;
            }
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        ModelCache cache = cacheDir == null ? ModelCache.atDefaultLocation() : new ModelCache(cacheDir);
        return new ModelResolver(cache, shape).resolve(Optional.ofNullable(model));
    }
}
