// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.bench.devices;

import dev.ayo4j.primitive.OutputFormat;
import dev.ayo4j.primitive.Primitive;
import dev.ayo4j.spi.Batch;
import dev.ayo4j.spi.Engine;
import dev.ayo4j.spi.EngineCapabilities;
import dev.ayo4j.spi.GenerationStream;
import dev.ayo4j.spi.Task;
import dev.ayo4j.spi.TaskInputs;
import dev.ayo4j.spi.TaskResult;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A real engine, timed: every call's units and time go to {@link CostSamples}, an LLM prefill's units
 * being the prompt characters its slot had not cached (by a {@link PromptCacheModel} of the engine's
 * slots) and its generation's decode time being sampled when the generation ends. Meant for calls made
 * one at a time, so that each time is the engine's alone.
 */
final class RecordingEngine implements Engine {
    private final Engine real;
    private final CostSamples samples;
    private final PromptCacheModel cache;
    /** Texts the real engine encoded, as a similarity reranker caches them: its calls' units leave them out. */
    private final Set<String> encoded = ConcurrentHashMap.newKeySet();

    RecordingEngine(Engine real, CostSamples samples, double slotSimilarity) {
        this.real = Objects.requireNonNull(real, "real");
        this.samples = Objects.requireNonNull(samples, "samples");
        this.cache = new PromptCacheModel(real.capabilities().maxConcurrency(), slotSimilarity);
    }

    @Override
    public String name() {
        return real.name();
    }

    @Override
    public EngineCapabilities capabilities() {
        return real.capabilities();
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
            double units = 0;
            for (Task t : batch.tasks()) {
                units += DeviceCosts.units(t, encoded);
            }
            samples.add(first.op(), units, nanos);
        }
        return results;
    }

    private TaskResult llmCall(Batch batch) {
        Task t = batch.tasks().getFirst();
        String prompt = TaskInputs.prompt(t);
        PromptCacheModel.Lease lease;
        try {
            lease = cache.acquire(prompt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return real.execute(batch).getFirst();
        }
        long start = System.nanoTime();
        TaskResult result = real.execute(batch).getFirst();
        long prefilled = System.nanoTime();
        samples.addPrefill(prompt.length() - lease.cachedChars(), prefilled - start);
        if (result instanceof TaskResult.Success ok && ok.value() instanceof GenerationStream g
                && t.op() instanceof Primitive.Prefill p) {
            g.text().whenComplete((text, error) -> {
                if (error == null) {
                    samples.addDecode(p.format() instanceof OutputFormat.JsonList, g.generatedTokens(),
                            System.nanoTime() - prefilled);
                }
                cache.release(lease, prompt + (text == null ? "" : text));
            });
        } else {
            cache.release(lease, prompt);
        }
        return result;
    }

    @Override
    public void close() {
        // The real engine belongs to its stack.
    }
}
