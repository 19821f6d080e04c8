// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.local;

import dev.ayo4j.Checks;
import dev.ayo4j.app.App;
import dev.ayo4j.app.QueryShape;
import dev.ayo4j.app.Role;
import dev.ayo4j.plan.LlmSlots;
import dev.ayo4j.runtime.EngineSpec;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Objects;

/**
 * Settings of the embedded engine stack.
 *
 * <p>The defaults give the LLM one thread and the encoders one thread, so on a 2-core machine each
 * gets a core of its own: a stand-in for separate devices, which is what lets independent work of
 * different engines overlap.
 *
 * @param model          GGUF file of the LLM
 * @param dataDir        folder of the vector store's collections (created if missing; kept across runs)
 * @param llmThreads     threads of the LLM (that decode)
 * @param llmBatchThreads threads of the LLM that process prompts (usually {@code llmThreads})
 * @param llmPolls       whether the LLM's threads busy-wait for work as llama.cpp does by default; off,
 *                       they sleep and give their core to the encoders
 * @param encoderThreads threads of each encoder
 * @param llmSlots       parallel sequences of the LLM (continuous batching)
 * @param ctxSize        LLM context, shared by its slots
 * @param synthetic      whether the model has random weights: its free text then runs to the full token
 *                       budget and its generated lists are kept to short lowercase items, so that runs do
 *                       the same amount of work a real model would and pipelined branches get items
 */
public record LocalStackOptions(Path model, Path dataDir, int llmThreads, int llmBatchThreads, boolean llmPolls,
                                int encoderThreads, int llmSlots, int ctxSize, boolean synthetic) {
    /** What a synthetic model's list items may contain: lowercase words, at most 20 characters. */
    public static final String SYNTHETIC_LIST_ITEM = "^[a-z][a-z ]{0,19}$";

    /** One LLM thread. */
    public static final int DEFAULT_LLM_THREADS = 1;
    /** One thread per encoder. */
    public static final int DEFAULT_ENCODER_THREADS = 1;
    /**
     * Two LLM slots, one per template of advanced-rag (its expansion and its answer): with slot affinity
     * each template's requests keep finding its instructions in their slot, and a warm-up of the answer
     * does not evict the expansion running beside it. Commands that know their apps size the slots for
     * them instead ({@link #withSlotsFor}).
     */
    public static final int DEFAULT_SLOTS = 2;
    /** 8,192 tokens of context, 4,096 per slot. */
    public static final int DEFAULT_CTX = 8192;

    public LocalStackOptions {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(dataDir, "dataDir");
        Checks.argument(llmThreads > 0, "llmThreads must be > 0: %s", llmThreads);
        Checks.argument(llmBatchThreads > 0, "llmBatchThreads must be > 0: %s", llmBatchThreads);
        Checks.argument(encoderThreads > 0, "encoderThreads must be > 0: %s", encoderThreads);
        Checks.argument(llmSlots > 0, "llmSlots must be > 0: %s", llmSlots);
        Checks.argument(ctxSize >= 512 * llmSlots, "ctxSize %s leaves less than 512 tokens per slot", ctxSize);
    }

    /** Defaults for {@code model}, keeping collections in {@code dataDir}. */
    public static LocalStackOptions of(Path model, Path dataDir) {
        return new LocalStackOptions(model, dataDir, DEFAULT_LLM_THREADS, DEFAULT_LLM_THREADS, true,
                DEFAULT_ENCODER_THREADS, DEFAULT_SLOTS, DEFAULT_CTX, false);
    }

    /** These options with {@code llm} LLM threads (for decoding and for prompts, polling) and {@code encoder}. */
    public LocalStackOptions withThreads(int llm, int encoder) {
        return withThreads(llm, llm, true, encoder);
    }

    /**
     * These options with {@code llm} threads decoding, {@code llmBatch} processing prompts, polling or not
     * ({@code llmPolls}), and {@code encoder} threads per encoder.
     */
    public LocalStackOptions withThreads(int llm, int llmBatch, boolean llmPolls, int encoder) {
        return new LocalStackOptions(model, dataDir, llm, llmBatch, llmPolls, encoder, llmSlots, ctxSize, synthetic);
    }

    /** These options keeping collections in {@code dir}. */
    public LocalStackOptions withDataDir(Path dir) {
        return new LocalStackOptions(model, dir, llmThreads, llmBatchThreads, llmPolls, encoderThreads, llmSlots,
                ctxSize, synthetic);
    }

    /**
     * The specs of the four embedded engines, named after the roles they play: {@code llm} (llamacpp),
     * {@code embedder} (onnx, all-MiniLM-L6-v2), {@code reranker} (onnx, embedding similarity on
     * bge-small-en-v1.5) and {@code vectors} (lucene in {@code dataDir}). What an engine file says for the
     * same stack.
     */
    public List<EngineSpec> specs() {
        return List.of(llmSpec(), EngineSpec.of(Role.EMBEDDER.key(), "onnx", Map.of("role", "embed",
                        "model", "all-minilm-l6-v2", "threads", Integer.toString(encoderThreads)), Set.of(Role.EMBEDDER)),
                EngineSpec.of(Role.RERANKER.key(), "onnx", Map.of("role", "rerank", "model", "bge-small-en-v1.5",
                        "threads", Integer.toString(encoderThreads)), Set.of(Role.RERANKER)),
                EngineSpec.of(Role.VECTORS.key(), "lucene", Map.of("root", dataDir.toString()), Set.of(Role.VECTORS)));
    }

    /** The spec of the embedded LLM (see {@link #specs()}). */
    public EngineSpec llmSpec() {
        Map<String, String> o = new LinkedHashMap<>();
        o.put("model", model.toString());
        o.put("threads", Integer.toString(llmThreads));
        if (llmBatchThreads != llmThreads) {
            o.put("batchThreads", Integer.toString(llmBatchThreads));
        }
        if (!llmPolls) {
            o.put("poll", "0");
        }
        o.put("slots", Integer.toString(llmSlots));
        o.put("ctxSize", Integer.toString(ctxSize));
        o.put("ignoreEos", Boolean.toString(synthetic));
        if (synthetic) {
            o.put("listItemPattern", SYNTHETIC_LIST_ITEM);
        }
        return EngineSpec.of(Role.LLM.key(), "llamacpp", o, Set.of(Role.LLM));
    }

    /** These options with {@code slots} LLM slots, and context enough for 512 tokens a slot. */
    public LocalStackOptions withLlmSlots(int slots) {
        return new LocalStackOptions(model, dataDir, llmThreads, llmBatchThreads, llmPolls, encoderThreads, slots,
                Math.max(ctxSize, 512 * slots), synthetic);
    }

    /**
     * These options with LLM slots for running {@code apps} one query at a time: one per distinct prompt
     * template the plan of any one of them sends the LLM ({@link LlmSlots}), so that no template's cached
     * instructions are evicted by another's.
     */
    public LocalStackOptions withSlotsFor(List<App> apps) {
        return withSlotsFor(apps, 1);
    }

    /** As {@link #withSlotsFor(List)}, for {@code queries} queries answered at once. */
    public LocalStackOptions withSlotsFor(List<App> apps, int queries) {
        return withLlmSlots(LlmSlots.forPlans(apps.stream().map(a -> a.lower(QueryShape.ofPassages(1))).toList(),
                queries));
    }

    public LocalStackOptions withSynthetic(boolean s) {
        return new LocalStackOptions(model, dataDir, llmThreads, llmBatchThreads, llmPolls, encoderThreads, llmSlots,
                ctxSize, s);
    }
}
