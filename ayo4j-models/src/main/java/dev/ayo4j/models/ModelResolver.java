// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.models;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Chooses the LLM weights for a demo or a run: the file the user named, else the first runnable GGUF
 * pulled into the cache (by name), else a random-weight synthetic model written into the cache's
 * {@code synthetic/} folder on first use and reused afterwards.
 *
 * <p>Thread-safe. Two threads or processes resolving a synthetic model at once write it once: a lock
 * file beside it lets one write while the others wait, then find it.
 */
public final class ModelResolver {
    /** The synthetic shape used when none is configured: small enough to run in seconds on 2 cores. */
    public static final SyntheticShape DEFAULT_SHAPE = SyntheticShape.SMALL;

    private static final System.Logger LOG = System.getLogger(ModelResolver.class.getName());

    private final ModelCache cache;
    private final SyntheticModel.Random synthetic;

    /** A resolver over {@code cache} whose fallback is a random model of {@link #DEFAULT_SHAPE}. */
    public ModelResolver(ModelCache cache) {
        this(cache, DEFAULT_SHAPE);
    }

    /** A resolver over {@code cache} whose fallback is a random model of {@code syntheticShape}. */
    public ModelResolver(ModelCache cache, SyntheticShape syntheticShape) {
        this.cache = Objects.requireNonNull(cache, "cache");
        this.synthetic = new SyntheticModel.Random(syntheticShape, SyntheticModel.DEFAULT_SEED);
    }

    /**
     * The model to use.
     *
     * @param explicitModel a GGUF file the user named; when present it must be runnable
     * @throws InvalidModelException when the named file is missing, not GGUF, or of an unsupported
     *                               architecture (the message names the path)
     */
    public ResolvedModel resolve(Optional<Path> explicitModel) {
        if (explicitModel.isPresent()) {
            Path given = explicitModel.get().toAbsolutePath();
            ModelInfo info = GgufCheck.requireRunnable(given);
            return new ResolvedModel(given, ResolvedModel.Kind.GIVEN, "model " + given + ": " + info.summary());
        }
        Optional<ResolvedModel> pulled = firstPulled();
        if (pulled.isPresent()) {
            return pulled.get();
        }
        return synthetic();
    }

    /**
     * The synthetic model of this resolver's shape, written into the cache's synthetic folder on first
     * use: for benchmarks that must run the same shape whatever real models are cached.
     */
    public ResolvedModel synthetic() {
        Path file = cache.syntheticDir().resolve(synthetic.fileName());
        if (!usable(file)) {
            // One writer at a time, in this process and across processes; the others then find the file.
            FileLock.run(file.resolveSibling("." + file.getFileName() + ".lock"), () -> {
                if (!usable(file)) {
                    LOG.log(System.Logger.Level.INFO, "writing synthetic model {0}", file);
                    synthetic.writeTo(file);
                }
            });
        }
        return new ResolvedModel(file, ResolvedModel.Kind.SYNTHETIC, "synthetic model (" + synthetic.describe()
                + "); the answer text is meaningless. Use --model FILE or 'ayo4j model pull' for a real model.");
    }

    private Optional<ResolvedModel> firstPulled() {
        for (CachedModel model : cache.list()) {
            if (model.kind() != CachedModel.Kind.PULLED) {
                continue;
            }
            try {
                ModelInfo info = GgufCheck.requireRunnable(model.path());
                return Optional.of(new ResolvedModel(model.path(), ResolvedModel.Kind.PULLED,
                        "pulled model " + model.name() + ": " + info.summary()));
            } catch (InvalidModelException e) {
                LOG.log(System.Logger.Level.WARNING, "skipping cached file {0}: {1}", model.path(), e.getMessage());
            }
        }
        return Optional.empty();
    }

    private static boolean usable(Path file) {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        try {
            GgufCheck.requireRunnable(file);
            return true;
        } catch (InvalidModelException e) {
            LOG.log(System.Logger.Level.WARNING, "rewriting unreadable synthetic model {0}: {1}", file,
                    e.getMessage());
            return false;
        }
    }
}
