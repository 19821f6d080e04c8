// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.bench.serve;

import dev.ayo4j.api.Ayo4j;
import dev.ayo4j.app.Role;
import dev.ayo4j.bench.app.Engines;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;
import dev.ayo4j.bench.NoOpEngine;
import dev.ayo4j.runtime.EngineProviders;
import dev.ayo4j.runtime.EngineSpec;
import dev.ayo4j.spi.Engine;
import dev.ayo4j.spi.EngineConfig;
import dev.ayo4j.spi.EngineProvider;
import java.io.IOException;
import java.net.URL;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Engines that do no work ({@link NoOpEngine}), one per role, created through a provider like every engine,
 * so that a server on them measures only its own cost per request: HTTP, JSON, admission, planning and
 * scheduling. The provider is visible only to {@link #providers()}, never to engine files or the CLI's
 * engine flags: a no-op engine answers with placeholders and exists for the overhead measurement alone.
 */
final class NoOpStack implements ServeStack {
    /** The provider's name. */
    static final String PROVIDER = "no-op";
    /** The one collection the no-op vector store reports, holding one passage. */
    static final String COLLECTION = ServeBenchmark.CORPUS;

    private final Engines lc4j = new Engines(new NoOpEngine(Role.LLM.key()), new NoOpEngine(Role.EMBEDDER.key()),
            new NoOpEngine(Role.RERANKER.key()), new NoOpEngine(Role.VECTORS.key()));

    @Override
    public String describe() {
        return "no-op engines (they do no work and answer placeholders: overhead only, not a benchmark of serving)";
    }

    @Override
    public Ayo4j openAyo4j() {
        Ayo4j.Builder b = Ayo4j.builder().providers(providers());
        specs().forEach(b::engine);
        return b.build();
    }

    @Override
    public Engines langChain4jEngines() {
        return lc4j;
    }

    @Override
    public EmbeddingModel langChain4jEmbeddings() {
        return NoOpEmbeddings.INSTANCE;
    }

    @Override
    public void close() {}

    /** A LangChain4j embedding model that embeds every text as the same unit vector at once. */
    private enum NoOpEmbeddings implements EmbeddingModel {
        INSTANCE;

        @Override
        public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
            return Response.from(segments.stream().map(_ -> Embedding.from(new float[] {1f})).toList());
        }
    }

    /** One no-op engine per role, named after it. */
    static List<EngineSpec> specs() {
        return List.of(Role.values()).stream()
                .map(r -> EngineSpec.of(r.key(), PROVIDER, Map.of(), Set.of(r))).toList();
    }

    /** Providers holding the no-op provider alone. */
    static EngineProviders providers() {
        return EngineProviders.load(new OnlyNoOp(NoOpStack.class.getClassLoader()));
    }

    /** The no-op provider: a vector store that lists {@link #COLLECTION} for the engine playing vectors. */
    public static final class Provider implements EngineProvider {
        @Override
        public String name() {
            return PROVIDER;
        }

        @Override
        public Engine create(EngineConfig config) {
            NoOpEngine engine = new NoOpEngine(config.name());
            return config.name().equals(Role.VECTORS.key()) ? new NoOpVectors(engine) : engine;
        }
    }

    /** A no-op vector store that also answers the collection API with one collection of one passage. */
    private record NoOpVectors(NoOpEngine delegate) implements StandInVectors {
        NoOpVectors {
            Objects.requireNonNull(delegate, "delegate");
        }

        @Override
        public List<String> collections() {
            return List.of(COLLECTION);
        }

        @Override
        public int size(String collection) {
            return collection.equals(COLLECTION) ? 1 : 0;
        }
    }

    /** A class loader whose only engine-provider service file names {@link Provider}. */
    private static final class OnlyNoOp extends ClassLoader {
        private static final String SERVICES = "META-INF/services/" + EngineProvider.class.getName();
        private static final String OURS = "dev/ayo4j/bench/serve/no-op-engine-provider";

        OnlyNoOp(ClassLoader parent) {
            super(parent);
        }

        @Override
        public Enumeration<URL> getResources(String name) throws IOException {
            if (name.equals(SERVICES)) {
                URL ours = Objects.requireNonNull(getParent().getResource(OURS), OURS + " is missing");
                return Collections.enumeration(List.of(ours));
            }
            return super.getResources(name);
        }
    }
}
