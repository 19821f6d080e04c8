// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.bench.devices;

import dev.ayo4j.NonRetriableEngineException;
import dev.ayo4j.engine.llamacpp.SlotCacheModel;
import dev.ayo4j.primitive.OutputFormat;
import dev.ayo4j.primitive.Primitive;
import dev.ayo4j.spi.AbstractEngine;
import dev.ayo4j.spi.Batch;
import dev.ayo4j.spi.BatchFanout;
import dev.ayo4j.spi.EngineCapabilities;
import dev.ayo4j.spi.GenerationStream;
import dev.ayo4j.spi.PrefillCounter;
import dev.ayo4j.spi.PrefillCounts;
import dev.ayo4j.spi.Signal;
import dev.ayo4j.spi.Task;
import dev.ayo4j.spi.TaskInputs;
import dev.ayo4j.spi.TaskResult;
import dev.ayo4j.testkit.TestingOutputs;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * An LLM on a modeled device of its own. A prefill or warm-up waits for an idle slot and takes one as the
 * in-process engine pins it ({@link SlotCacheModel}, with affinity; characters stand in for tokens), holds
 * the whole device for its uncached characters' time, and a generation
 * then decodes its token budget (a JSON list: the calibrated list time) in steps that share the device
 * with other generations in flight and keep the slot until the last one. Texts are
 * {@link TestingOutputs}': a function of the prompt alone. Like the real engine, a prefill publishes its
 * generation at once and returns once the prompt is prefilled; a warm-up returns a {@link Signal}. Its
 * {@link #prefillCounts()} are the model's, in the tokens its results report, each request's prefilled
 * share being its uncached characters' share.
 */
public final class ModeledLlm extends AbstractEngine implements PrefillCounter {
    /** Characters per streamed chunk. */
    private static final int CHUNK_CHARS = 8;

    private final DeviceCosts costs;
    private final Device device;
    private final SlotCacheModel cache;
    /** One permit per slot: a request waits for an idle slot, as llama.cpp queues it. */
    private final Semaphore idle;
    private final AtomicReference<PrefillCounts> counts = new AtomicReference<>(PrefillCounts.NONE);

    /**
     * An LLM called {@code name}, with the real engine's {@code capabilities} (its concurrency is the
     * slot count), on a device of its own that lets time pass through {@code sleeper}.
     */
    public ModeledLlm(String name, EngineCapabilities capabilities, DeviceCosts costs, double slotSimilarity,
                      Sleeper sleeper) {
        super(name, capabilities);
        this.costs = Objects.requireNonNull(costs, "costs");
        this.device = new Device(sleeper);
        this.cache = new SlotCacheModel(capabilities.maxConcurrency(), SlotCacheModel.Choice.AFFINITY, slotSimilarity);
        this.idle = new Semaphore(capabilities.maxConcurrency(), true);
    }

    @Override
    public PrefillCounts prefillCounts() {
        return counts.get();
    }

    @Override
    public List<TaskResult> execute(Batch batch) {
        return BatchFanout.runEach(batch, Thread.ofVirtual().name("modeled-llm-", 0).factory(), this::run);
    }

    private TaskResult run(Task t) {
        try {
            return switch (t.op()) {
                case Primitive.Prefill p -> prefill(t, p);
                case Primitive.PartialPrefill _ -> warmUp(t);
                default -> TaskResult.failure(new NonRetriableEngineException("modeled LLM " + name()
                        + " does not serve " + t.op().kindName() + " (" + t.id() + ")"));
            };
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return TaskResult.failure(new NonRetriableEngineException("modeled LLM " + name() + " interrupted in "
                    + t.id(), e));
        }
    }

    private TaskResult warmUp(Task t) throws InterruptedException {
        String prefix = TaskInputs.prompt(t);
        prefill(prefix, true);
        return TaskResult.success(Signal.done("cached a prefix of " + prefix.length() + " characters"),
                TestingOutputs.tokens(prefix), 0);
    }

    private TaskResult prefill(Task t, Primitive.Prefill op) throws InterruptedException {
        String prompt = TaskInputs.prompt(t);
        GenerationStream stream = new GenerationStream();
        AtomicBoolean cancelled = new AtomicBoolean();
        stream.onCancel(() -> cancelled.set(true));
        t.publish().accept(stream);
        SlotCacheModel.Route lease = prefill(prompt, false);
        stream.markPrefilled(TestingOutputs.tokens(prompt));
        String text;
        double decodeNanos;
        switch (op.format()) {
            case OutputFormat.FreeText _ -> {
                text = TestingOutputs.answer(prompt);
                decodeNanos = costs.decodeNanosPerToken() * op.maxTokens();
            }
            case OutputFormat.JsonList(int n) -> {
                text = TestingOutputs.jsonList(prompt, n);
                decodeNanos = costs.listDecodeNanos();
            }
        }
        Thread.ofVirtual().name("modeled-decode-" + t.id()).start(() -> decode(stream, text, decodeNanos,
                cancelled, lease, prompt));
        return TaskResult.success(stream, TestingOutputs.tokens(prompt), 0);
    }

    /** Prefills what of {@code prompt} its slot lacks; frees the slot unless a generation follows. */
    private SlotCacheModel.Route prefill(String prompt, boolean release) throws InterruptedException {
        idle.acquire();
        SlotCacheModel.Route lease = cache.acquire(prompt.chars().toArray());
        int tokens = TestingOutputs.tokens(prompt);
        counts.accumulateAndGet(PrefillCounts.reported(tokens, prompt.isEmpty() ? 0
                : Math.round(tokens * (double) lease.prefilledTokens() / prompt.length())), PrefillCounts::plus);
        try {
            device.exclusive(costs.prefill().nanos(lease.prefilledTokens()));
        } catch (InterruptedException e) {
            leave(lease, "");
            throw e;
        }
        if (release) {
            leave(lease, prompt);
        }
        return lease;
    }

    /** The request of {@code lease} leaves its slot, which then holds {@code cached}. */
    private void leave(SlotCacheModel.Route lease, String cached) {
        cache.release(lease, cached.chars().toArray());
        idle.release();
    }

    private void decode(GenerationStream stream, String text, double nanos, AtomicBoolean cancelled,
                        SlotCacheModel.Route lease, String prompt) {
        int chunks = Math.max(1, (text.length() + CHUNK_CHARS - 1) / CHUNK_CHARS);
        long perChunk = Math.round(nanos / chunks);
        try {
            for (int i = 0; i < text.length() && !cancelled.get(); i += CHUNK_CHARS) {
                device.shared(perChunk);
                stream.append(text.substring(i, Math.min(text.length(), i + CHUNK_CHARS)), 1);
            }
            stream.complete();
        } catch (InterruptedException e) {
            stream.fail(e);
        } finally {
            leave(lease, prompt + text);
        }
    }

    @Override
    public void close() {
        // Nothing held: decodes in flight end on their own.
    }

    @Override
    public String toString() {
        return "ModeledLlm(" + name() + ")";
    }
}
