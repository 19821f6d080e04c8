// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.bench.serve;

import dev.ayo4j.api.Ayo4j;
import dev.ayo4j.app.Role;
import dev.ayo4j.bench.app.Engines;
import dev.ayo4j.bench.devices.DeviceCosts;
import dev.ayo4j.bench.devices.ModeledDevices;
import dev.ayo4j.bench.devices.Sleeper;
import dev.ayo4j.primitive.Primitive;
import dev.ayo4j.runtime.EngineProviders;
import dev.ayo4j.runtime.EngineSpec;
import dev.ayo4j.spi.Batch;
import dev.ayo4j.spi.Engine;
import dev.ayo4j.spi.EngineConfig;
import dev.ayo4j.spi.EngineProvider;
import dev.ayo4j.spi.Passage;
import dev.ayo4j.spi.Task;
import dev.ayo4j.spi.TaskResult;
import dev.langchain4j.model.embedding.EmbeddingModel;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code bench serve --devices modeled}: both systems on engines modeled on devices of their own
 * ({@link ModeledDevices}, at costs fitted on this machine's engines), each system its own set of devices
 * so that neither shares a queue or a prompt cache with the other. The ayo4j server gets its engines through
 * a provider of this class that hands over the modeled engine objects (a provider is the only way an entry
 * point takes engines), its vector store answering the collection API; the LangChain4j pipeline calls the
 * other set's LLM and reranker, and embeds with LangChain4j's own all-MiniLM-L6-v2 on this machine's CPU,
 * as {@code bench app --devices modeled} places it. Outputs are deterministic, not meaningful text.
 */
public final class ModeledServeStack implements ServeStack {
    /** The name of the provider that hands over the modeled engines. */
    static final String PROVIDER = "modeled-device";

    private final ModeledDevices ayoDevices;
    private final Engines lc4jEngines;
    private final EmbeddingModel lc4jEmbeddings;
    private final String description;

    /**
     * Devices like {@code real}'s engines (names and capabilities) at {@code costs}, with llama.cpp's slot
     * similarity {@code slotSimilarity}, letting time pass through {@code sleeper}; {@code lc4jEmbeddings} is
     * the pipeline's embedding model, closed by its owner.
     */
    public ModeledServeStack(Engines real, DeviceCosts costs, double slotSimilarity, Sleeper sleeper,
                             EmbeddingModel lc4jEmbeddings, String description) {
        this.ayoDevices = new ModeledDevices(real, costs, slotSimilarity, sleeper);
        this.lc4jEngines = new ModeledDevices(real, costs, slotSimilarity, sleeper).open();
        this.lc4jEmbeddings = Objects.requireNonNull(lc4jEmbeddings, "lc4jEmbeddings");
        this.description = Objects.requireNonNull(description, "description");
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public Ayo4j openAyo4j() {
        Engines e = ayoDevices.open();
        Map<String, Engine> engines = new LinkedHashMap<>();
        Map<String, Role> roles = new LinkedHashMap<>();
        put(engines, roles, e.llm(), Role.LLM);
        put(engines, roles, e.embedder(), Role.EMBEDDER);
        put(engines, roles, e.reranker(), Role.RERANKER);
        put(engines, roles, new CatalogedVectors(e.vectors()), Role.VECTORS);
        Ayo4j.Builder b = Ayo4j.builder().providers(EngineProviders.of(List.of(new HandOver(engines))));
        roles.forEach((name, role) -> b.engine(EngineSpec.of(name, PROVIDER, Map.of(), Set.of(role))));
        return b.build();
    }

    private static void put(Map<String, Engine> engines, Map<String, Role> roles, Engine engine, Role role) {
        engines.put(engine.name(), engine);
        roles.put(engine.name(), role);
    }

    @Override
    public Engines langChain4jEngines() {
        return lc4jEngines;
    }

    @Override
    public EmbeddingModel langChain4jEmbeddings() {
        return lc4jEmbeddings;
    }

    @Override
    public void close() {
        lc4jEngines.llm().close();
        lc4jEngines.reranker().close();
    }

    /** A provider that hands over engines made beforehand, each once, by name. */
    private record HandOver(Map<String, Engine> engines) implements EngineProvider {
        HandOver {
            engines = new ConcurrentHashMap<>(engines);
        }

        @Override
        public String name() {
            return PROVIDER;
        }

        @Override
        public Engine create(EngineConfig config) {
            Engine e = engines.remove(config.name());
            if (e == null) {
                throw new IllegalStateException("no modeled engine '" + config.name() + "' left to hand over");
            }
            return e;
        }
    }

    /**
     * The modeled vector store with the collection API the server's collection check and ingestion need:
     * collections and their sizes counted from the passages it has ingested.
     */
    private static final class CatalogedVectors implements StandInVectors {
        private final Engine delegate;
        private final Map<String, Set<String>> passages = new ConcurrentHashMap<>();

        CatalogedVectors(Engine delegate) {
            this.delegate = Objects.requireNonNull(delegate, "delegate");
        }

        @Override
        public Engine delegate() {
            return delegate;
        }

        @Override
        public List<TaskResult> execute(Batch batch) {
            List<TaskResult> results = delegate.execute(batch);
            for (int i = 0; i < results.size(); i++) {
                Task t = batch.tasks().get(i);
                if (t.op() instanceof Primitive.Ingest ingest && results.get(i) instanceof TaskResult.Success) {
                    Set<String> ids = passages.computeIfAbsent(ingest.collection(), _ -> ConcurrentHashMap.newKeySet());
                    for (Passage p : t.input(Primitive.Ingest.PASSAGES)) {
                        ids.add(p.id());
                    }
                }
            }
            return results;
        }

        @Override
        public List<String> collections() {
            return List.copyOf(passages.keySet());
        }

        @Override
        public int size(String collection) {
            Set<String> ids = passages.get(collection);
            return ids == null ? 0 : ids.size();
        }
    }
}
