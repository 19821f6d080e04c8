// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.spi;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Passage of a document with a relevance score: what vector search and rerank produce.
 *
 * @param id           stable id, unique in its collection (e.g. {@code doc.md#3} for the third chunk)
 * @param text         the passage text
 * @param score        relevance; higher is better; 0 for passages not scored yet
 * @param source       where the passage came from (a file name, a document title), for citing sources
 * @param rerankVector the passage's vector from a similarity reranker, computed at ingestion and stored
 *                     with the passage, or null when its collection stores none
 */
public record Passage(String id, String text, double score, String source, @Nullable RerankVector rerankVector) {
    /** Best first: score descending, then id ascending, so ties are broken the same way everywhere. */
    public static final Comparator<Passage> BEST_FIRST =
            Comparator.comparingDouble(Passage::score).reversed().thenComparing(Passage::id);

    public Passage {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(source, "source");
    }

    /** A passage without a stored reranker vector. */
    public Passage(String id, String text, double score, String source) {
        this(id, text, score, source, null);
    }

    public static Passage of(String id, String text) {
        return new Passage(id, text, 0, id);
    }

    public Passage withScore(double newScore) {
        return new Passage(id, text, newScore, source, rerankVector);
    }

    public Passage withRerankVector(@Nullable RerankVector v) {
        return new Passage(id, text, score, source, v);
    }

    /**
     * A passage vector of a similarity reranker: {@code engine} names the reranker engine whose model
     * computed it, so that another reranker never scores with it.
     *
     * @param engine the reranker engine's name
     * @param values the vector, L2-normalised
     */
    public record RerankVector(String engine, float[] values) {
        public RerankVector {
            Objects.requireNonNull(engine, "engine");
            Objects.requireNonNull(values, "values");
            values = values.clone();
        }

        /** A copy of the vector. */
        @Override
        public float[] values() {
            return values.clone();
        }

        /** Dot product with {@code query}, without copying; NaN when the dimensions differ. */
        public double dot(float[] query) {
            if (query.length != values.length) {
                return Double.NaN;
            }
            double sum = 0;
            for (int d = 0; d < values.length; d++) {
                sum += (double) query[d] * values[d];
            }
            return sum;
        }

        /** Vector length. */
        public int dimension() {
            return values.length;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof RerankVector r && r.engine.equals(engine) && Arrays.equals(r.values, values);
        }

        @Override
        public int hashCode() {
            return 31 * engine.hashCode() + Arrays.hashCode(values);
        }

        @Override
        public String toString() {
            return "RerankVector[engine=" + engine + ", dimension=" + values.length + "]";
        }
    }
}
