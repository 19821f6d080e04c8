// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.bench.app;

import dev.ayo4j.bench.app.AppBenchReport.Work;
import dev.ayo4j.engine.llamacpp.SlotCacheModel;
import dev.ayo4j.primitive.Primitive;
import dev.ayo4j.spi.Batch;
import dev.ayo4j.spi.Engine;
import dev.ayo4j.spi.ForwardingEngine;
import dev.ayo4j.spi.Passage;
import dev.ayo4j.spi.PrefillCounter;
import dev.ayo4j.spi.PrefillCounts;
import dev.ayo4j.spi.Signal;
import dev.ayo4j.spi.Task;
import dev.ayo4j.spi.TaskInputs;
import dev.ayo4j.spi.TaskResult;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;

/**
 * Meter of the work done on one set of engines: decorators that count the LLM's prompt tokens and the
 * part of them it prefilled, the texts each encoder encoded, and each engine's busy time. An LLM that
 * counts its own prompt work (a {@link PrefillCounter}: the in-process llama.cpp from the slots it pins
 * requests to, the OpenAI-compatible engine from the server's reported cache hits) is read before and
 * after; for any other LLM the prefilled part comes from a {@link SlotCacheModel} of its slots choosing as
 * llama.cpp's server does, characters standing in for tokens. A similarity reranker caches vectors by text, so its texts
 * are counted once per meter (the run's fresh reranker); candidates with a vector stored at ingestion
 * are not encoded at all, in a rerank its plan marks as reading them (elsewhere the engine encodes them). Counters only grow. Thread-safe.
 */
final class WorkMeter {
    /** Where the prefilled tokens come from: a model of the slots of an engine that counts none. */
    static final String PREFILLED_FROM_MODEL = "slot-cache model";
    /** Where the prefilled tokens come from: the engine's own counts. */
    static final String PREFILLED_FROM_ENGINE = "engine's own count";
    /** Characters per token where an engine reported no prompt tokens. */
    private static final double CHARS_PER_TOKEN = 4;

    /** The LLM's own counts and their value when metering began; null for an LLM that keeps none. */
    private final @Nullable PrefillCounter engineCounts;
    private final PrefillCounts countsBefore;
    /** The model of the slots of an LLM that keeps no counts; null otherwise. */
    private final @Nullable SlotCacheModel slots;
    private final LongAdder promptTokens = new LongAdder();
    private final LongAdder prefilledTokens = new LongAdder();
    private final LongAdder embedderTexts = new LongAdder();
    private final LongAdder rerankerTexts = new LongAdder();
    private final LongAdder storedVectors = new LongAdder();
    private final LongAdder savedTexts = new LongAdder();
    private final LongAdder embedderNanos = new LongAdder();
    private final LongAdder rerankerNanos = new LongAdder();
    private final Set<String> rerankerCache = ConcurrentHashMap.newKeySet();
    private final Set<String> cacheWithoutStored = ConcurrentHashMap.newKeySet();

    /**
     * A meter for {@code llm}: its own counts if it keeps them, else a model of its slots (as many as its
     * concurrency) choosing at {@code similarity}.
     */
    WorkMeter(Engine llm, double similarity) {
        if (llm instanceof PrefillCounter counter) {
            this.engineCounts = counter;
            this.countsBefore = counter.prefillCounts();
            this.slots = null;
        } else {
            this.engineCounts = null;
            this.countsBefore = PrefillCounts.NONE;
            // A server's concurrency can be far above its slots; a model of more than 64 slots says nothing more.
            this.slots = new SlotCacheModel(Math.min(64, llm.capabilities().maxConcurrency()),
                    SlotCacheModel.Choice.LLAMA_CPP, similarity);
        }
    }

    /** {@code engines} with the LLM, the embedder and the reranker metered; the vector store as is. */
    static Metered meter(Engines engines, double similarity) {
        WorkMeter m = new WorkMeter(engines.llm(), similarity);
        return new Metered(new Engines(m.new Counting(engines.llm(), Kind.LLM),
                m.new Counting(engines.embedder(), Kind.EMBEDDER), m.new Counting(engines.reranker(), Kind.RERANKER),
                engines.vectors()), m);
    }

    /** Engines that count into {@code meter}. */
    record Metered(Engines engines, WorkMeter meter) {}

    /** The work counted so far over {@code queries} queries, plus {@code extraEmbedderTexts} encoded elsewhere. */
    Work perQuery(int queries, long extraEmbedderTexts) {
        double n = Math.max(1, queries);
        if (engineCounts != null) {
            PrefillCounts c = engineCounts.prefillCounts().since(countsBefore);
            String from = c.allReported() ? PREFILLED_FROM_ENGINE : String.format(java.util.Locale.ROOT,
                    "%s; %d of %d requests unreported, counted as all prefilled", PREFILLED_FROM_ENGINE,
                    c.unreported(), c.requests());
            return new Work(c.promptTokens() / n, c.prefilledTokens() / n, from,
                    (embedderTexts.sum() + extraEmbedderTexts) / n, rerankerTexts.sum() / n, storedVectors.sum() / n,
                    savedTexts.sum() / n);
        }
        return new Work(promptTokens.sum() / n, prefilledTokens.sum() / n, PREFILLED_FROM_MODEL,
                (embedderTexts.sum() + extraEmbedderTexts) / n, rerankerTexts.sum() / n, storedVectors.sum() / n,
                savedTexts.sum() / n);
    }

    long embedderTexts() {
        return embedderTexts.sum();
    }

    long rerankerTexts() {
        return rerankerTexts.sum();
    }

    Duration embedderBusy() {
        return Duration.ofNanos(embedderNanos.sum());
    }

    Duration rerankerBusy() {
        return Duration.ofNanos(rerankerNanos.sum());
    }

    private enum Kind { LLM, EMBEDDER, RERANKER }

    /** An engine whose calls are counted. */
    private final class Counting implements ForwardingEngine {
        private final Engine real;
        private final Kind kind;
        private final boolean similarity;

        Counting(Engine real, Kind kind) {
            this.real = Objects.requireNonNull(real, "real");
            this.kind = kind;
            // A similarity reranker also serves Embed (its passage vectors); a cross-encoder scores pairs.
            this.similarity = real.capabilities().primitives().contains(Primitive.Embed.class);
        }

        @Override
        public Engine delegate() {
            return real;
        }

        @Override
        public void awaitReady(Duration timeout) {
            real.awaitReady(timeout);
        }

        @Override
        public List<TaskResult> execute(Batch batch) {
            int[] cached = new int[batch.size()];
            if (kind == Kind.LLM && slots != null) {
                for (int i = 0; i < batch.size(); i++) {
                    // Counted as if the request held its slot for no time: a meter, not a timing model.
                    SlotCacheModel.Route r = slots.acquire(TaskInputs.prompt(batch.tasks().get(i)).chars().toArray());
                    slots.release(r);
                    cached[i] = r.cachedTokens();
                }
            }
            long start = System.nanoTime();
            List<TaskResult> results = real.execute(batch);
            long nanos = System.nanoTime() - start;
            for (int i = 0; i < batch.size(); i++) {
                if (results.get(i) instanceof TaskResult.Success ok) {
                    count(batch.tasks().get(i), ok, cached[i]);
                }
            }
            switch (kind) {
                case EMBEDDER -> embedderNanos.add(nanos);
                case RERANKER -> rerankerNanos.add(nanos);
                case LLM -> { }
            }
            return results;
        }

        private void count(Task task, TaskResult.Success ok, int cachedChars) {
            switch (task.op()) {
                case Primitive.Prefill _, Primitive.PartialPrefill _ -> {
                    if (engineCounts != null || ok.value() instanceof Signal s && !s.ok()) {
                        return; // counted by the engine itself, or a refused warm-up that prefilled nothing
                    }
                    String prompt = TaskInputs.prompt(task);
                    long tokens = ok.tokensIn() > 0 ? ok.tokensIn() : (long) Math.ceil(prompt.length() / CHARS_PER_TOKEN);
                    promptTokens.add(tokens);
                    prefilledTokens.add(prompt.isEmpty() ? 0
                            : Math.round(tokens * (prompt.length() - cachedChars) / (double) prompt.length()));
                }
                case Primitive.Embed _ -> {
                    int n = task.input(Primitive.Embed.TEXTS).size();
                    (kind == Kind.RERANKER ? rerankerTexts : embedderTexts).add(n);
                }
                case Primitive.Rerank _ -> rerank(task);
                default -> { }
            }
        }

        private void rerank(Task task) {
            List<Passage> passages = task.input(Primitive.Rerank.PASSAGES);
            if (!similarity) {
                rerankerTexts.add(passages.size());
                return;
            }
            String query = task.input(Primitive.Rerank.QUERY);
            cacheWithoutStored.add(query);
            if (rerankerCache.add(query)) {
                rerankerTexts.increment();
            }
            // As the engine does: only a rerank its plan marks as reading stored vectors uses them.
            boolean reads = task.op() instanceof Primitive.Rerank r && r.storedVectors();
            for (Passage p : passages) {
                boolean stored = reads && p.rerankVector() != null && p.rerankVector().engine().equals(real.name());
                if (stored) {
                    storedVectors.increment();
                    if (cacheWithoutStored.add(p.text())) {
                        savedTexts.increment();
                    }
                } else {
                    cacheWithoutStored.add(p.text());
                    if (rerankerCache.add(p.text())) {
                        rerankerTexts.increment();
                    }
                }
            }
        }

        @Override
        public void close() {
            real.close();
        }
    }
}
