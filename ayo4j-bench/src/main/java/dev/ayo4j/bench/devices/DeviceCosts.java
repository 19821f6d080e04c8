// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.bench.devices;

import dev.ayo4j.Checks;
import dev.ayo4j.primitive.Primitive;
import dev.ayo4j.primitive.RerankScoring;
import dev.ayo4j.spi.Batch;
import dev.ayo4j.spi.Passage;
import dev.ayo4j.spi.Task;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * What each engine's calls take on a device of its own.
 *
 * @param prefill             an LLM prefill, per prompt character not already in the slot's cache
 * @param decodeNanosPerToken an LLM decode step of free text (a generation decodes its token budget)
 * @param listDecodeNanos     decoding a whole JSON list (the expansion's queries)
 * @param embed               an embedder call, per character of its texts
 * @param ingest              a vector store's ingest, per passage
 * @param search              a vector search, per query vector
 * @param rerank              a reranker call that embeds passages, per character of the query and the passages
 *                            it embeds (not those scored with a vector stored at ingestion, nor, for a
 *                            similarity reranker, texts it encoded before)
 * @param questionOnlyRerank  a reranker call that embeds no passage (a hoisted rerank, whose passages come with
 *                            stored vectors), per character of its query: one short embedding, which the
 *                            line through the passage-embedding calls does not reach
 */
public record DeviceCosts(LinearCost prefill, double decodeNanosPerToken, double listDecodeNanos, LinearCost embed,
                          LinearCost ingest, LinearCost search, LinearCost rerank, LinearCost questionOnlyRerank) {
    /** Everything free: for the unmeasured corpus ingestion. */
    public static final DeviceCosts FREE = new DeviceCosts(LinearCost.FREE, 0, 0, LinearCost.FREE, LinearCost.FREE,
            LinearCost.FREE, LinearCost.FREE, LinearCost.FREE);

    public DeviceCosts {
        Objects.requireNonNull(prefill, "prefill");
        Objects.requireNonNull(embed, "embed");
        Objects.requireNonNull(ingest, "ingest");
        Objects.requireNonNull(search, "search");
        Objects.requireNonNull(rerank, "rerank");
        Objects.requireNonNull(questionOnlyRerank, "questionOnlyRerank");
        Checks.argument(decodeNanosPerToken >= 0 && listDecodeNanos >= 0, "decode costs must be >= 0: %s, %s",
                decodeNanosPerToken, listDecodeNanos);
    }

    /** An encoder's or a vector store's time for a whole batch: the sum of its tasks'. */
    public long nanos(Batch batch) {
        return nanos(batch, new HashSet<>());
    }

    /**
     * As {@link #nanos(Batch)}, for an engine that has already encoded the texts in {@code encoded}: a
     * similarity reranker, which caches vectors by text, embeds only the others (and adds them).
     */
    public long nanos(Batch batch, Set<String> encoded) {
        long total = 0;
        for (Task t : batch.tasks()) {
            total += nanos(t, encoded);
        }
        return total;
    }

    private long nanos(Task t, Set<String> encoded) {
        LinearCost cost = switch (t.op()) {
            case Primitive.Embed _ -> embed;
            case Primitive.Ingest _ -> ingest;
            case Primitive.VectorSearch _ -> search;
            case Primitive.Rerank _ -> embedsPassages(t, encoded) ? rerank : questionOnlyRerank;
            default -> LinearCost.FREE;
        };
        return cost.nanos(units(t, encoded));
    }

    /** The units a task's cost grows with, as {@link #nanos(Batch)} counts them; 0 for LLM work. */
    static double units(Task t) {
        return units(t, new HashSet<>());
    }

    /**
     * The units of {@code t} on an engine that has encoded {@code encoded} before (see
     * {@link #nanos(Batch, Set)}); adds the texts a similarity rerank encodes to it.
     */
    static double units(Task t, Set<String> encoded) {
        return switch (t.op()) {
            case Primitive.Embed _ -> chars(t.input(Primitive.Embed.TEXTS));
            case Primitive.Ingest _ -> t.input(Primitive.Ingest.PASSAGES).size();
            case Primitive.VectorSearch _ -> t.input(Primitive.VectorSearch.VECTORS).size();
            case Primitive.Rerank r -> rerankChars(r, t.input(Primitive.Rerank.QUERY),
                    t.input(Primitive.Rerank.PASSAGES), encoded);
            default -> 0;
        };
    }

    /**
     * Whether {@code t}, a rerank, embeds any of its passages on an engine that has encoded {@code encoded}
     * (which this leaves as it is): false for a hoisted rerank, all of whose passages come with a vector of
     * this reranker's, and for a similarity rerank whose passages it has all encoded before.
     */
    static boolean embedsPassages(Task t, Set<String> encoded) {
        if (!(t.op() instanceof Primitive.Rerank r)) {
            return false;
        }
        boolean cached = r.scoring() == RerankScoring.SIMILARITY;
        for (Passage p : t.input(Primitive.Rerank.PASSAGES)) {
            boolean stored = r.storedVectors() && p.rerankVector() != null
                    && p.rerankVector().engine().equals(r.engine());
            if (!stored && (!cached || !encoded.contains(p.text()))) {
                return true;
            }
        }
        return false;
    }

    private static int chars(List<String> texts) {
        return texts.stream().mapToInt(String::length).sum();
    }

    /**
     * The characters {@code rerank} encodes: a cross-encoder every pair's; a similarity reranker the query's
     * and the passages' it has not encoded before (it caches vectors by text), and in a rerank its plan marks
     * as reading stored vectors, not those that came with this reranker's vector (as the engine scores them).
     */
    private static int rerankChars(Primitive.Rerank rerank, String query, List<Passage> passages,
                                   Set<String> encoded) {
        boolean cached = rerank.scoring() == RerankScoring.SIMILARITY;
        int chars = !cached || encoded.add(query) ? query.length() : 0;
        for (Passage p : passages) {
            boolean stored = rerank.storedVectors() && p.rerankVector() != null
                    && p.rerankVector().engine().equals(rerank.engine());
            if (!stored && (!cached || encoded.add(p.text()))) {
                chars += p.text().length();
            }
        }
        return chars;
    }

    /** One line per engine, for reports. */
    public String describe() {
        return String.format(Locale.ROOT, "LLM prefill %s, decode %.1f ms/token, JSON list %.0f ms; embed %s; "
                        + "ingest %s; search %s; rerank %s, question only %s", prefill.describe("char"),
                decodeNanosPerToken / 1e6, listDecodeNanos / 1e6, embed.describe("char"), ingest.describe("passage"),
                search.describe("query"), rerank.describe("char"), questionOnlyRerank.describe("char"));
    }
}
