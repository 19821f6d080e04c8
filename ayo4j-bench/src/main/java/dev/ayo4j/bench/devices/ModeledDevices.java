// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.bench.devices;

import dev.ayo4j.bench.app.EngineSource;
import dev.ayo4j.bench.app.Engines;
import dev.ayo4j.spi.Engine;
import dev.ayo4j.testkit.TestingEngine;
import java.util.Objects;

/**
 * Engines on modeled devices, one device per engine, standing in for a machine where the LLM and each
 * encoder have their own accelerator: names and capabilities (batch limits, LLM slots) are the real
 * engines', times are {@link DeviceCosts}' and outputs are deterministic. Every run gets a new LLM (empty
 * prompt caches) and reranker; the embedder and the vector store, which holds the corpus, are shared.
 */
public final class ModeledDevices implements EngineSource {
    private final Engines real;
    private final DeviceCosts costs;
    private final double slotSimilarity;
    private final Sleeper sleeper;
    private final TestingEngine store;
    private final ModeledEncoder embedder;
    private final ModeledEncoder vectors;

    /**
     * Devices for the engines of {@code real} (whose names and capabilities they copy), at {@code costs},
     * with llama.cpp's slot similarity {@code slotSimilarity}; time passes through {@code sleeper}.
     */
    public ModeledDevices(Engines real, DeviceCosts costs, double slotSimilarity, Sleeper sleeper) {
        this.real = Objects.requireNonNull(real, "real");
        this.costs = Objects.requireNonNull(costs, "costs");
        this.slotSimilarity = slotSimilarity;
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.store = TestingEngine.builder(real.vectors().name()).build();
        this.embedder = encoder(TestingEngine.builder(real.embedder().name()).build(), real.embedder(), costs);
        this.vectors = encoder(store, real.vectors(), costs);
    }

    /** The costs the devices run at. */
    public DeviceCosts costs() {
        return costs;
    }

    @Override
    public Engines open() {
        return engines(costs, embedder, vectors);
    }

    @Override
    public Engines forIngestion() {
        return engines(DeviceCosts.FREE, encoder(TestingEngine.builder(real.embedder().name()).build(),
                real.embedder(), DeviceCosts.FREE), encoder(store, real.vectors(), DeviceCosts.FREE));
    }

    /** A new LLM (empty prompt caches) and reranker at {@code at}, beside {@code embedder} and {@code vectors}. */
    private Engines engines(DeviceCosts at, Engine embedder, Engine vectors) {
        return new Engines(new ModeledLlm(real.llm().name(), real.llm().capabilities(), at, slotSimilarity, sleeper),
                embedder, encoder(TestingEngine.builder(real.reranker().name()).build(), real.reranker(), at),
                vectors);
    }

    private ModeledEncoder encoder(TestingEngine outputs, Engine like, DeviceCosts at) {
        return new ModeledEncoder(outputs, like.capabilities(), at, sleeper);
    }
}
