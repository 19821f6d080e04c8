// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.bench.app;

import dev.ayo4j.Ayo4jException;
import dev.ayo4j.app.Role;
import dev.ayo4j.engine.llamacpp.LlamaCppOptions;
import dev.ayo4j.engine.llamacpp.SlotCacheModel;
import dev.ayo4j.runtime.EngineProviders;
import dev.ayo4j.runtime.EngineSpec;
import dev.ayo4j.spi.Engine;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Engines of a benchmark from engine specs (an engine file), each made by its provider: one engine per
 * role. Each run gets a fresh LLM (an empty prompt cache, on an in-process LLM) and reranker; the
 * embedder and the vector store are opened once and shared. Close it to close what it opened.
 */
public final class SpecEngines implements EngineSource, AutoCloseable {
    /** How long each engine may take to be reachable at start-up. */
    private static final Duration START_TIMEOUT = Duration.ofSeconds(10);

    /** The provider of in-process llama.cpp. */
    private static final String LLAMACPP = "llamacpp";

    private final EngineProviders providers = EngineProviders.load();
    private final Map<Role, EngineSpec> specs = new EnumMap<>(Role.class);
    private final Engine embedder;
    private final Engine vectors;
    private Engines ingestion;

    /** Picks the one spec per role of {@code all}; throws naming a role that no spec, or several, play. */
    public SpecEngines(List<EngineSpec> all) {
        for (Role role : Role.values()) {
            List<EngineSpec> players = all.stream().filter(s -> s.roles().contains(role)).toList();
            if (players.size() != 1) {
                throw new Ayo4jException(String.format("a benchmark needs one engine playing %s; the engine file "
                        + "has %s", role.key(), players.stream().map(EngineSpec::name).toList()));
            }
            specs.put(role, players.getFirst());
        }
        this.embedder = ready(providers.create(specs.get(Role.EMBEDDER)));
        this.vectors = ready(providers.create(specs.get(Role.VECTORS)));
    }

    private static Engine ready(Engine e) {
        try {
            e.awaitReady(START_TIMEOUT);
            return e;
        } catch (RuntimeException ex) {
            e.close();
            throw ex;
        }
    }

    @Override
    public Engines open() {
        Engine llm = ready(providers.create(specs.get(Role.LLM)));
        try {
            return new Engines(llm, embedder, ready(providers.create(specs.get(Role.RERANKER))), vectors);
        } catch (RuntimeException e) {
            llm.close();
            throw e;
        }
    }

    @Override
    public Engines forIngestion() {
        if (ingestion == null) {
            ingestion = open();
        }
        return ingestion;
    }

    /**
     * The LLM's slot prompt similarity, for counting the tokens it prefilled: an in-process llama.cpp's
     * {@code slotSimilarity} option (or its default), else llama.cpp server's default.
     */
    public double slotSimilarity() {
        EngineSpec llm = specs.get(Role.LLM);
        return llm.provider().equals(LLAMACPP)
                ? Double.parseDouble(llm.config().option("slotSimilarity", Float.toString(LlamaCppOptions.DEFAULT_SLOT_SIMILARITY)))
                : SlotCacheModel.LLAMA_CPP_SIMILARITY;
    }

    /** A short description of the engines, for the report. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        specs.forEach((role, s) -> sb.append(sb.isEmpty() ? "" : ", ").append(role.key()).append('=')
                .append(s.name()).append(" (").append(s.provider()).append(')'));
        return sb.toString();
    }

    @Override
    public void close() {
        if (ingestion != null) {
            close(ingestion);
        }
        embedder.close();
        vectors.close();
    }
}
