// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.engine.lucene;

import dev.ayo4j.NonRetriableEngineException;
import dev.ayo4j.spi.Engine;
import dev.ayo4j.spi.EngineConfig;
import dev.ayo4j.spi.EngineProvider;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;

/**
 * Provider {@code lucene} of {@link LuceneVectorStore}s.
 *
 * <p>Options: {@code root} (required), the folder that holds one index directory per collection;
 * {@code exactBelow} (default {@value LuceneVectorStore#DEFAULT_EXACT_BELOW}) and {@code overFetch}
 * (default {@value LuceneVectorStore#DEFAULT_OVER_FETCH}), see {@link LuceneVectorStore.Builder}. An
 * unknown option, a missing root or a bad value throws {@link NonRetriableEngineException} naming it.
 */
public final class LuceneEngineProvider implements EngineProvider {
    private static final Set<String> OPTIONS = Set.of("root", "exactBelow", "overFetch");

    @Override
    public String name() {
        return "lucene";
    }

    @Override
    public Engine create(EngineConfig config) {
        Set<String> unknown = config.unknownOptions(OPTIONS);
        if (!unknown.isEmpty()) {
            throw new NonRetriableEngineException("engine " + config.name() + " (lucene): unknown option(s) "
                    + unknown + "; known: " + new TreeSet<>(OPTIONS));
        }
        String root = config.options().get("root");
        if (root == null || root.isBlank()) {
            throw new NonRetriableEngineException("engine " + config.name()
                    + " (lucene): option root (the index folder) is required");
        }
        try {
            return LuceneVectorStore.builder(config.name(), Path.of(root))
                    .exactBelow(config.intOption("exactBelow", LuceneVectorStore.DEFAULT_EXACT_BELOW))
                    .overFetch(config.intOption("overFetch", LuceneVectorStore.DEFAULT_OVER_FETCH))
                    .build();
        } catch (IllegalArgumentException e) {
            throw new NonRetriableEngineException("engine " + config.name() + " (lucene): " + e.getMessage(), e);
        }
    }
}
