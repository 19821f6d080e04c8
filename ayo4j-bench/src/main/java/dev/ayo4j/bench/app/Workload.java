package dev.ayo4j.bench.app;

import dev.ayo4j.Ayo4jException;
import dev.ayo4j.app.App;
import dev.ayo4j.app.AppOptions;
import dev.ayo4j.app.Apps;
import java.util.Arrays;
import java.util.List;

/** An application the benchmark runs, with how many passages each of its queries ingests by default. */
public enum Workload {
    /** Ingest the query's passages, search with the question, rerank, answer. */
    NAIVE_RAG("naive-rag", 100),
    /** Ingest; expand the question into queries, search each, rerank, answer. */
    ADVANCED_RAG("advanced-rag", 100),
    /** Document QA: naive-rag's chain over a larger document set that each query ingests itself. */
    DOC_QA("doc-qa", 300),
    /** Draft an answer, then refine it in a second LLM call; no retrieval. */
    MULTI_CALL("multi-call", 0);

    private final String label;
    private final int defaultPassages;

    Workload(String label, int defaultPassages) {
        this.label = label;
        this.defaultPassages = defaultPassages;
    }

    public String label() {
        return label;
    }

    /** Passages a query ingests unless configured otherwise (0: none). */
    public int defaultPassages() {
        return defaultPassages;
    }

    /** Whether queries of this workload ingest and retrieve passages. */
    public boolean retrieves() {
        return defaultPassages > 0;
    }

    /** Whether the question is expanded into several search queries. */
    public boolean expands() {
        return this == ADVANCED_RAG;
    }

    /** The app's module chain. */
    public App app(AppOptions options) {
        return switch (this) {
            case NAIVE_RAG, DOC_QA -> Apps.naiveRag(options);
            case ADVANCED_RAG -> Apps.advancedRag(options);
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
