// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.bench.app;

import dev.ayo4j.Ayo4jException;
import dev.ayo4j.app.App;
import dev.ayo4j.app.AppOptions;
import dev.ayo4j.app.Apps;
import java.util.Arrays;
import java.util.List;

/**
 * An application the benchmark runs. naive-rag and advanced-rag search a corpus ingested once before
 * any query is measured; doc-qa ingests each query's own passages (several hundred) before searching
 * them; multi-call retrieves nothing.
 */
public enum Workload {
    /** Search the corpus with the question, rerank, answer. */
    NAIVE_RAG("naive-rag", 0, true),
    /** Expand the question into queries, search the corpus with each, rerank, answer. */
    ADVANCED_RAG("advanced-rag", 0, true),
    /** Document QA: ingest the query's own passages, search them with the question, rerank, answer. */
    DOC_QA("doc-qa", 300, false),
    /** Draft an answer, then refine it in a second LLM call; no retrieval. */
    MULTI_CALL("multi-call", 0, false);

    private final String label;
    private final int defaultPassages;
    private final boolean searchesCorpus;

    Workload(String label, int defaultPassages, boolean searchesCorpus) {
        this.label = label;
        this.defaultPassages = defaultPassages;
        this.searchesCorpus = searchesCorpus;
    }

    public String label() {
        return label;
    }

    /** Passages a query ingests itself unless configured otherwise (0: none). */
    public int defaultPassages() {
        return defaultPassages;
    }

    /** Whether queries ingest passages of their own before searching them. */
    public boolean ingestsPerQuery() {
        return defaultPassages > 0;
    }

    /** Whether queries search the corpus ingested before the run. */
    public boolean searchesCorpus() {
        return searchesCorpus;
    }

    /** Whether queries retrieve and rerank passages. */
    public boolean retrieves() {
        return searchesCorpus || ingestsPerQuery();
    }

    /** Whether the question is expanded into several search queries. */
    public boolean expands() {
        return this == ADVANCED_RAG;
    }

    /** The app's module chain. */
    public App app(AppOptions options) {
        return switch (this) {
            case NAIVE_RAG -> Apps.naiveRagOverCollection(options);
            case ADVANCED_RAG -> Apps.advancedRagOverCollection(options);
            case DOC_QA -> Apps.naiveRag(options);
            case MULTI_CALL -> Apps.multiCall(options);
        };
    }

    /** The workload called {@code label}; throws naming the known ones. */
    public static Workload of(String label) {
        return Arrays.stream(values()).filter(w -> w.label.equals(label)).findFirst().orElseThrow(
                () -> new Ayo4jException("unknown workload '" + label + "'; known: " + labels()));
    }

    public static List<String> labels() {
        return Arrays.stream(values()).map(Workload::label).toList();
    }
}
