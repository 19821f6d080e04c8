// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.app;

import java.util.Locale;
import java.util.Set;

/**
 * What an engine does for an app's modules. An {@link EngineBinding} says which engine plays each role,
 * for the whole app or for one module.
 */
public enum Role {
    /** Generates text: query expansion, answers. */
    LLM,
    /** Embeds passages and queries. */
    EMBEDDER,
    /** Scores passages against a question. */
    RERANKER,
    /** The vector store that holds the app's collection. */
    VECTORS;

    /** The role's name in files and on the command line: {@code llm}, {@code embedder}, ... */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The role called {@code key} (case-insensitive), or {@code null} if there is none. */
    public static Role byKey(String key) {
        for (Role r : values()) {
            if (r.key().equalsIgnoreCase(key.strip())) {
                return r;
            }
        }
        return null;
    }

    /** The roles the primitives of {@code module} are addressed to. */
    public static Set<Role> neededBy(Module module) {
        return switch (module) {
            case Module.Index _, Module.Search _ -> Set.of(EMBEDDER, VECTORS);
            case Module.ExpandQuery _, Module.Generate _ -> Set.of(LLM);
            case Module.Rerank _ -> Set.of(RERANKER);
            case Module.Step _ -> Set.of();
        };
    }
}
