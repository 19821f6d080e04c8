// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.bench.devices;

import dev.ayo4j.engine.llamacpp.SlotCacheModel;
import dev.ayo4j.primitive.OutputFormat;
import dev.ayo4j.primitive.Primitive;
import dev.ayo4j.spi.Batch;
import dev.ayo4j.spi.Engine;
import dev.ayo4j.spi.ForwardingEngine;
import dev.ayo4j.spi.GenerationStream;
import dev.ayo4j.spi.PrefillCounter;
import dev.ayo4j.spi.PrefillCounts;
import dev.ayo4j.spi.Task;
import dev.ayo4j.spi.TaskInputs;
import dev.ayo4j.spi.TaskResult;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A real engine, timed: every call's units and time go to {@link CostSamples}, an LLM prefill's units
 * being the prompt characters its slot had not cached and its generation's decode time being sampled
 * when the generation ends. The uncached characters are the prompt's share the engine says it prefilled
 * (a {@link PrefillCounter}, read around the call), else what a {@link SlotCacheModel} of its slots
 * choosing as llama.cpp's server does finds uncached. Meant for calls made one at a time, so that each
 * time and each count is the engine's alone.
 */
final class RecordingEngine implements ForwardingEngine {
    private final Engine real;
    private final CostSamples samples;
    private final SlotCacheModel cache;
    /** Texts the real engine encoded, as a similarity reranker caches them: its calls' units leave them out. */
    private final Set<String> encoded = ConcurrentHashMap.newKeySet();

    RecordingEngine(Engine real, CostSamples samples, double slotSimilarity) {
        this.real = Objects.requireNonNull(real, "real");
        this.samples = Objects.requireNonNull(samples, "samples");
        this.cache = new SlotCacheModel(Math.min(64, real.capabilities().maxConcurrency()),
                SlotCacheModel.Choice.LLAMA_CPP, slotSimilarity);
    }

    @Override
    public Engine delegate() {
        return real;
    }

    @Override
    public List<TaskResult> execute(Batch batch) {
        Task first = batch.tasks().getFirst();
        boolean llm = first.op() instanceof Primitive.Prefill || first.op() instanceof Primitive.PartialPrefill;
        if (llm && batch.size() == 1) {
            return List.of(llmCall(batch));
        }
        long start = System.nanoTime();
        List<TaskResult> results = real.execute(batch);
        long nanos = System.nanoTime() - start;
        if (!llm) {
            boolean questionOnly = first.op() instanceof Primitive.Rerank;
            for (Task t : batch.tasks()) {
                questionOnly &= !DeviceCosts.embedsPassages(t, encoded);
            }
            double units = 0;
            for (Task t : batch.tasks()) {
                units += DeviceCosts.units(t, encoded);
            }
            if (questionOnly) {
                samples.addQuestionOnlyRerank(units, nanos);
            } else {
                samples.add(first.op(), units, nanos);
            }
        }
        return results;
    }

    private TaskResult llmCall(Batch batch) {
        Task t = batch.tasks().getFirst();
        String prompt = TaskInputs.prompt(t);
        SlotCacheModel.Route lease = cache.acquire(prompt.chars().toArray());
        PrefillCounts before = real instanceof PrefillCounter c ? c.prefillCounts() : PrefillCounts.NONE;
        long start = System.nanoTime();
        TaskResult result = real.execute(batch).getFirst();
        long prefilled = System.nanoTime();
        int uncached = lease.prefilledTokens();
        if (real instanceof PrefillCounter c) {
            PrefillCounts call = c.prefillCounts().since(before);
            if (call.allReported() && call.promptTokens() > 0) {
                uncached = (int) Math.round(prompt.length() * (double) call.prefilledTokens() / call.promptTokens());
            }
        }
        samples.addPrefill(uncached, prefilled - start);
        if (result instanceof TaskResult.Success ok && ok.value() instanceof GenerationStream g
                && t.op() instanceof Primitive.Prefill p) {
            g.text().whenComplete((text, error) -> {
                if (error == null) {
                    samples.addDecode(p.format() instanceof OutputFormat.JsonList, g.generatedTokens(),
                            System.nanoTime() - prefilled);
                }
                cache.release(lease, (prompt + (text == null ? "" : text)).chars().toArray());
            });
        } else {
            cache.release(lease);
        }
        return result;
    }

    @Override
    public void close() {
        // The real engine belongs to its stack.
    }
}
