// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.engine.llamacpp;

import dev.ayo4j.Checks;
import dev.ayo4j.NonRetriableEngineException;
import dev.ayo4j.spi.EngineConfig;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Settings of a {@link LlamaCppEngine}, made by a validating {@link #builder()} or from an
 * {@link EngineConfig}'s string options.
 *
 * @param name           engine name primitives address it by
 * @param model          GGUF file to load
 * @param ctxSize        total context, shared by the slots: each slot holds {@code ctxSize / slots} tokens
 * @param slots          parallel sequences (llama.cpp {@code --parallel}); decode steps of busy slots are batched
 * @param threads        CPU threads for decoding (llama.cpp {@code --threads})
 * @param batchThreads   CPU threads for prompt processing (llama.cpp {@code --threads-batch}); by default
 *                       {@code threads}. More than {@code threads} lets a prefill take cores that a
 *                       decode leaves to other engines
 * @param poll           how much llama.cpp's threads busy-wait for work, 0 (not at all: they sleep and
 *                       yield the core) to 100 (llama.cpp {@code --poll} and {@code --poll-batch});
 *                       by default llama.cpp's own {@value #DEFAULT_POLL}
 * @param batchSize      logical batch size for prompt processing
 * @param seed           sampling seed (sampling is greedy, so it only matters for ties)
 * @param slotSimilarity lowest share of an idle slot's cached tokens that a request must match (with slot
 *                       affinity: as a shared prefix; without: as llama.cpp's longest common substring) to
 *                       go to that slot rather than the least recently used one
 * @param slotAffinity   the engine pins each request to the slot whose cache shares the longest prefix with
 *                       it (so a template's requests keep finding its instructions cached, and the tokens
 *                       each request prefills are counted: {@link LlamaCppEngine#prefillCounts()}); off,
 *                       llama.cpp chooses by {@code slotSimilarity}
 * @param jsonGrammar    constrain {@code JsonList(n)} outputs with a grammar of exactly n strings
 * @param ignoreEos      generate free text to its full token budget, ignoring end-of-sequence: for
 *                       synthetic random-weight models, whose greedy output would otherwise stop at a
 *                       random point, so that runs compare the same amount of work
 * @param listItemPattern regular expression each item of a generated JSON list must match (null: any
 *                       string); keeps the items of a random-weight model short and closable
 */
public record LlamaCppOptions(String name, Path model, int ctxSize, int slots, int threads, int batchThreads, int poll,
                              int batchSize, int seed,
                              float slotSimilarity, boolean slotAffinity, boolean jsonGrammar, boolean ignoreEos,
                              @Nullable String listItemPattern) {
    /** Default engine name: {@value}. */
    public static final String DEFAULT_NAME = "llm";
    /** Default total context: {@value} tokens. */
    public static final int DEFAULT_CTX_SIZE = 4096;
    /** Default slots: {@value}. */
    public static final int DEFAULT_SLOTS = 2;
    /** Default threads: {@value}, which suits a small machine shared with encoders. */
    public static final int DEFAULT_THREADS = 2;
    /** Default polling level, llama.cpp's own: {@value}. */
    public static final int DEFAULT_POLL = 50;
    /** Highest polling level: {@value}. */
    public static final int MAX_POLL = 100;
    /** Default batch size: {@value}. */
    public static final int DEFAULT_BATCH_SIZE = 512;
    /** Default seed: {@value}. */
    public static final int DEFAULT_SEED = 42;
    /**
     * Default slot similarity: {@value}. llama.cpp's own 0.5 misses a warm prefix that is less than half
     * of the full prompt, which is the usual case when retrieved context follows the prefix.
     */
    public static final float DEFAULT_SLOT_SIMILARITY = 0.1f;
    /** Smallest per-slot context accepted: {@value} tokens. */
    public static final int MIN_SLOT_CTX = 32;

    /** Option keys understood by {@link #fromConfig(EngineConfig)}. */
    public static final Set<String> KEYS = Set.of("model", "ctxSize", "slots", "threads", "batchThreads", "poll",
            "batchSize", "seed",
            "slotSimilarity", "slotAffinity", "jsonGrammar", "ignoreEos", "listItemPattern");

    public LlamaCppOptions {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(model, "model");
        Checks.argument(ctxSize > 0, "ctxSize must be > 0: %s", ctxSize);
        Checks.argument(slots > 0, "slots must be > 0: %s", slots);
        Checks.argument(threads > 0, "threads must be > 0: %s", threads);
        Checks.argument(batchThreads > 0, "batchThreads must be > 0: %s", batchThreads);
        Checks.argument(poll >= 0 && poll <= MAX_POLL, "poll must be in [0, %s]: %s", MAX_POLL, poll);
        Checks.argument(batchSize > 0, "batchSize must be > 0: %s", batchSize);
        Checks.argument(slotSimilarity >= 0 && slotSimilarity <= 1, "slotSimilarity must be in [0, 1]: %s",
                slotSimilarity);
        Checks.argument(ctxSize / slots >= MIN_SLOT_CTX,
                "ctxSize %s split over %s slots leaves %s tokens per slot, fewer than %s",
                ctxSize, slots, ctxSize / slots, MIN_SLOT_CTX);
    }

    /** Tokens one slot holds: prompt plus generated text must fit. */
    public int slotCtx() {
        return ctxSize / slots;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Options from a configuration: {@code model} is required, the others ({@link #KEYS}) default as
     * documented on the constants. Unknown keys are rejected, so that a typo does not pass silently.
     */
    public static LlamaCppOptions fromConfig(EngineConfig config) {
        config.requireKnownOptions("llamacpp", KEYS);
        String model = config.option("model", "");
        if (model.isBlank()) {
            throw new NonRetriableEngineException("engine " + config.name() + ": option 'model' (a GGUF file) is required");
        }
        try {
            return builder().name(config.name()).model(Path.of(model))
                    .ctxSize(config.intOption("ctxSize", DEFAULT_CTX_SIZE))
                    .slots(config.intOption("slots", DEFAULT_SLOTS))
                    .threads(config.intOption("threads", DEFAULT_THREADS))
                    .batchThreads(config.options().containsKey("batchThreads")
                            ? config.intOption("batchThreads", DEFAULT_THREADS) : null)
                    .poll(config.intOption("poll", DEFAULT_POLL))
                    .batchSize(config.intOption("batchSize", DEFAULT_BATCH_SIZE))
                    .seed(config.intOption("seed", DEFAULT_SEED))
                    .slotSimilarity(Float.parseFloat(config.option("slotSimilarity",
                            Float.toString(DEFAULT_SLOT_SIMILARITY))))
                    .slotAffinity(Boolean.parseBoolean(config.option("slotAffinity", "true")))
                    .jsonGrammar(Boolean.parseBoolean(config.option("jsonGrammar", "true")))
                    .ignoreEos(Boolean.parseBoolean(config.option("ignoreEos", "false")))
                    .listItemPattern(config.options().get("listItemPattern"))
                    .build();
        } catch (IllegalArgumentException e) {
            throw new NonRetriableEngineException("engine " + config.name() + ": " + e.getMessage(), e);
        }
    }

    /** Builder whose defaults are the {@code DEFAULT_} constants; {@link #build()} validates. */
    public static final class Builder {
        private String name = DEFAULT_NAME;
        private @Nullable Path model;
        private int ctxSize = DEFAULT_CTX_SIZE;
        private int slots = DEFAULT_SLOTS;
        private int threads = DEFAULT_THREADS;
        private @Nullable Integer batchThreads;
        private int poll = DEFAULT_POLL;
        private int batchSize = DEFAULT_BATCH_SIZE;
        private int seed = DEFAULT_SEED;
        private float slotSimilarity = DEFAULT_SLOT_SIMILARITY;
        private boolean slotAffinity = true;
        private boolean jsonGrammar = true;
        private boolean ignoreEos;
        private @Nullable String listItemPattern;

        private Builder() {}

        public Builder name(String v) { name = Objects.requireNonNull(v, "name"); return this; }
        public Builder model(Path v) { model = Objects.requireNonNull(v, "model"); return this; }
        public Builder ctxSize(int v) { ctxSize = v; return this; }
        public Builder slots(int v) { slots = v; return this; }
        public Builder threads(int v) { threads = v; return this; }
        /** Prompt-processing threads; null (the default): as many as {@link #threads(int)}. */
        public Builder batchThreads(@Nullable Integer v) { batchThreads = v; return this; }
        public Builder poll(int v) { poll = v; return this; }
        public Builder batchSize(int v) { batchSize = v; return this; }
        public Builder seed(int v) { seed = v; return this; }
        public Builder slotSimilarity(float v) { slotSimilarity = v; return this; }
        public Builder slotAffinity(boolean v) { slotAffinity = v; return this; }
        public Builder jsonGrammar(boolean v) { jsonGrammar = v; return this; }
        public Builder ignoreEos(boolean v) { ignoreEos = v; return this; }
        public Builder listItemPattern(@Nullable String v) { listItemPattern = v; return this; }

        public LlamaCppOptions build() {
            Checks.state(model != null, "a model file is required");
            return new LlamaCppOptions(name, model, ctxSize, slots, threads,
                    batchThreads == null ? threads : batchThreads, poll, batchSize, seed, slotSimilarity,
                    slotAffinity, jsonGrammar, ignoreEos, listItemPattern);
        }
    }
}
