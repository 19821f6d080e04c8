// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.observability;

import dev.ayo4j.app.AppOptions;
import dev.ayo4j.app.Apps;
import dev.ayo4j.app.QueryShape;
import dev.ayo4j.graph.PrimitiveGraph;
import dev.ayo4j.runtime.Ayo4jRuntime;
import dev.ayo4j.runtime.RunListener;
import dev.ayo4j.spi.Passage;
import dev.ayo4j.testkit.TestingEngine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/** Advanced-rag runs on testing engines, shared by this module's tests. */
public final class Runs {
    /** Engines of the default engine names. */
    public static final List<String> ENGINES = List.of("llm", "embedder", "reranker", "vectors");
    /** Hang guard, never a timing assertion. */
    public static final Duration GUARD = Duration.ofSeconds(30);
    static final int PASSAGES = 12;

    private Runs() {
    }

    /** A runtime on testing engines, configured by {@code configure}, with {@code listener}. */
    public static Ayo4jRuntime runtime(RunListener listener, UnaryOperator<TestingEngine.Builder> configure) {
        Ayo4jRuntime.Builder b = Ayo4jRuntime.builder().listener(listener);
        for (String name : ENGINES) {
            b.ownedEngine(configure.apply(TestingEngine.builder(name)).build());
        }
        return b.build();
    }

    /** The advanced-rag graph over the query's own passages. */
    public static PrimitiveGraph advancedRag() {
        return Apps.advancedRag(AppOptions.DEFAULT).lower(QueryShape.ofPassages(PASSAGES));
    }

    /** Inputs of {@link #advancedRag()}. */
    public static Map<String, Object> inputs(String question) {
        List<Passage> list = new ArrayList<>();
        for (int i = 0; i < PASSAGES; i++) {
            list.add(new Passage("doc.md#" + i, "passage " + i + " about topic " + (i % 4), 0, "doc.md"));
        }
        return Map.of("question", question, "passages", list);
    }
}
