// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.cli.bench;

import dev.ayo4j.cli.EngineThreadsOption;
import dev.ayo4j.models.ModelCache;
import dev.ayo4j.models.ModelResolver;
import dev.ayo4j.models.ResolvedModel;
import dev.ayo4j.models.SyntheticShape;
import java.nio.file.Path;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Options of the benchmarks that run apps on the embedded engines ({@code bench app}, {@code bench serve}), for use
 * as a picocli {@code @Mixin}: the LLM weights ({@code --model}, else a synthetic model of {@code --shape}), the
 * engines' threads and the BEIR data set.
 */
final class BenchEngineOptions {
    @Option(names = "--model", paramLabel = "FILE", description = "GGUF model (default: a synthetic one of --shape).")
    @Nullable Path model;

    @Option(names = "--shape", defaultValue = "small",
            description = "Synthetic model shape: small (25M), tiny or qwen2.5-0.5b.")
    String shape;

    @Option(names = "--model-cache", paramLabel = "DIR", description = "Model cache (default: $AYO4J_HOME/models).")
    @Nullable Path modelCache;

    @Mixin
    EngineThreadsOption threads;

    @Option(names = "--dataset", defaultValue = "../shared/datasets/scifact-subset",
            description = "BEIR folder with corpus.jsonl and queries.jsonl, relative to the working directory; the "
                    + "bundled guide is used if absent.")
    Path dataset;

    /** The LLM to run: {@code --model}, else the synthetic model of {@code --shape}, written on first use. */
    ResolvedModel resolveModel() {
        ModelCache cache = modelCache == null ? ModelCache.atDefaultLocation() : new ModelCache(modelCache);
        return model != null ? new ModelResolver(cache).resolve(Optional.of(model))
                : new ModelResolver(cache, SyntheticShape.of(shape)).synthetic();
    }
}
