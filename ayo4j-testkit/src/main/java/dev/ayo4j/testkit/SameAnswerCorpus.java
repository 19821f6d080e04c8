// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.testkit;

import dev.ayo4j.app.Apps;
import dev.ayo4j.spi.Passage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The fixture of the same-answer tests, which run one query two ways on real engines and compare the answers
 * and contexts: the expansions a chain model is written to produce ({@code SyntheticModels.writeJsonListChain}),
 * the question asked, and a small collection whose passages those expansions retrieve overlapping candidates
 * from (three on topic, two off topic, one on topic again).
 */
public final class SameAnswerCorpus {
    /** The query expansions the chain model generates, in order. */
    public static final List<String> QUERIES = List.of("vector index", "prompt cache", "list decoding");

    /** The question every same-answer query asks. */
    public static final String QUESTION = "How are vectors stored and prompts warmed?";

    private static final List<String> TOPICS = List.of(
            "Lucene keeps passages and vectors in an HNSW index on disk.",
            "Prefill splitting warms the prompt cache while retrieval runs.",
            "Decode pipelining starts a search branch per expanded query item.",
            "Bake the bread for twenty minutes and let it cool.",
            "The river floods every spring after the snow melts.",
            "Progressive prefill grows the prompt cache passage by passage.");

    private SameAnswerCorpus() {}

    /**
     * The inputs of a same-answer query over the collection ingested beforehand: the {@link #QUESTION} and the
     * signal that the collection is ready.
     */
    public static Map<String, Object> questionOverCollection() {
        return Map.of(Apps.QUESTION.name(), QUESTION, Apps.INDEX.name(), Apps.COLLECTION_READY);
    }

    /** The passages a RAG query's answer was given: its {@link Apps#CONTEXT} output among {@code outputs}. */
    @SuppressWarnings("unchecked")
    public static List<Passage> context(Map<String, ?> outputs) {
        return (List<Passage>) outputs.get(Apps.CONTEXT.name());
    }

    /** The collection's passages, {@code doc-0} to {@code doc-5}, each its own document. */
    public static List<Passage> passages() {
        return passages(TOPICS.size());
    }

    /** The first {@code n} of {@link #passages()}, 1 to 6. */
    public static List<Passage> passages(int n) {
        if (n < 1 || n > TOPICS.size()) {
            throw new IllegalArgumentException("n must be 1 to " + TOPICS.size() + ": " + n);
        }
        List<Passage> passages = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            passages.add(new Passage("doc-" + i, TOPICS.get(i), 0, "doc-" + i));
        }
        return List.copyOf(passages);
    }
}
