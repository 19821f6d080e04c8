// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.bench.devices;

import dev.ayo4j.NonRetriableEngineException;
import dev.ayo4j.spi.AbstractEngine;
import dev.ayo4j.spi.Batch;
import dev.ayo4j.spi.Engine;
import dev.ayo4j.spi.EngineCapabilities;
import dev.ayo4j.spi.TaskResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An embedder, reranker or vector store on a modeled device of its own: each call holds the device for
 * the batch's time under {@link DeviceCosts}, then {@code outputs} (a deterministic testing engine)
 * computes the results. As a reranker it embeds each text once in its life, as the similarity reranker's
 * cache does (every run opens a reranker of its own).
 */
public final class ModeledEncoder extends AbstractEngine {
    private final Engine outputs;
    private final DeviceCosts costs;
    private final Device device;
    /** Texts this engine encoded: a similarity reranker's cache, which lives as long as the engine. */
    private final Set<String> encoded = ConcurrentHashMap.newKeySet();

    /** {@code outputs}' name and results, the real engine's {@code capabilities}, on a device of its own. */
    public ModeledEncoder(Engine outputs, EngineCapabilities capabilities, DeviceCosts costs, Sleeper sleeper) {
        Objects.requireNonNull(outputs, "outputs");
        super(outputs.name(), capabilities);
        this.outputs = outputs;
        this.costs = Objects.requireNonNull(costs, "costs");
        this.device = new Device(sleeper);
    }

    @Override
    public List<TaskResult> execute(Batch batch) {
        try {
            device.exclusive(costs.nanos(batch, encoded));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            List<TaskResult> failed = new ArrayList<>();
            batch.tasks().forEach(t -> failed.add(TaskResult.failure(new NonRetriableEngineException(
                    "modeled engine " + name() + " interrupted in " + t.id(), e))));
            return failed;
        }
        return outputs.execute(batch);
    }

    @Override
    public void close() {
        // The outputs engine is shared between runs; its owner closes it.
    }

    @Override
    public String toString() {
        return "ModeledEncoder(" + name() + ")";
    }
}
