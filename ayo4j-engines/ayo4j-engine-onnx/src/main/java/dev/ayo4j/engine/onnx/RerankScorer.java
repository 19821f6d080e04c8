// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.engine.onnx;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** How {@link OnnxRerankEngine} scores passages against a query: by embedding similarity or a cross-encoder. */
sealed interface RerankScorer extends AutoCloseable {

    /**
     * One query and its candidate passage texts; {@code stored} holds, per passage, the vector this
     * scorer's model computed for it at ingestion, or null where there is none (to embed now).
     */
    record Request(String query, List<String> passages, List<float @Nullable []> stored) {
        public Request {
            passages = List.copyOf(passages);
            stored = java.util.Collections.unmodifiableList(new ArrayList<>(stored));
            if (stored.size() != passages.size()) {
                throw new IllegalArgumentException(passages.size() + " passages but " + stored.size()
                        + " stored-vector slots");
            }
        }

        /** A request without stored vectors: every passage is embedded (or read from the cache). */
        public Request(String query, List<String> passages) {
            this(query, passages, java.util.Collections.nCopies(passages.size(), null));
        }
    }

    /** Scores per request, each in passage order; higher is better. */
    List<double[]> score(List<Request> requests);

    /**
     * Why {@code request} cannot be scored (a text over the window under {@link Overflow#REJECT}), or
     * null if it can.
     */
    @Nullable String reject(Request request);

    String modelName();

    @Override
    void close();

    /**
     * Bi-encoder scoring: cosine of question and passage vectors, all texts to embed going in one call.
     * A passage's vector does not depend on the question, so it is taken, in this order, from the
     * request's stored vectors (computed at ingestion), from a cache by text (the branches of one
     * query, which often retrieve the same passages, and later queries over the same documents embed
     * each passage once), or embedded now.
     */
    final class Similarity implements RerankScorer {
        /** Texts whose vectors are kept (about 1.5 KB each for a 384-dimension model). */
        static final int CACHE_ENTRIES = 16_384;

        private final EncoderModel model;
        private final Map<String, float[]> cache = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
                return size() > CACHE_ENTRIES;
            }
        };

        Similarity(EncoderModel model) {
            this.model = model;
        }

        EncoderModel model() {
            return model;
        }

        @Override
        public List<double[]> score(List<Request> requests) {
            Map<String, float[]> vectors = new HashMap<>();
            List<String> missing = new ArrayList<>();
            synchronized (cache) {
                for (Request r : requests) {
                    collect(r.query(), vectors, missing);
                    for (int k = 0; k < r.passages().size(); k++) {
                        if (r.stored().get(k) == null) {
                            collect(r.passages().get(k), vectors, missing);
                        }
                    }
                }
            }
            if (!missing.isEmpty()) {
                float[][] embedded = model.embedTokens(missing.stream().map(model::tokenize).toList());
                synchronized (cache) {
                    for (int k = 0; k < missing.size(); k++) {
                        vectors.put(missing.get(k), embedded[k]);
                        cache.put(missing.get(k), embedded[k]);
                    }
                }
            }
            List<double[]> scores = new ArrayList<>(requests.size());
            for (Request r : requests) {
                float[] q = vectors.get(r.query());
                double[] s = new double[r.passages().size()];
                for (int k = 0; k < s.length; k++) {
                    float[] stored = r.stored().get(k);
                    s[k] = dot(q, stored != null ? stored : vectors.get(r.passages().get(k)));
                }
                scores.add(s);
            }
            return scores;
        }

        /**
         * Passage vectors, in order, as {@link #score} computes them, for storing with the passages; not
         * cached, since the store keeps them.
         */
        float[][] embedPassages(List<Tokens> tokens) {
            return model.embedTokens(tokens);
        }

        /** Finds {@code text}'s vector in the cache, or notes it as missing once. */
        private void collect(String text, Map<String, float[]> vectors, List<String> missing) {
            if (vectors.containsKey(text)) {
                return;
            }
            float[] v = cache.get(text);
            vectors.put(text, v);
            if (v == null) {
                missing.add(text);
            }
        }

        private static double dot(float[] a, float[] b) {
            double sum = 0;
            for (int d = 0; d < a.length; d++) {
                sum += (double) a[d] * b[d];
            }
            return sum;
        }

        @Override
        public @Nullable String reject(Request request) {
            if (model.options().overflow() != Overflow.REJECT) {
                return null;
            }
            if (model.tokenize(request.query()).overflowed()) {
                return "the query is longer than the " + model.options().maxTokens() + "-token window of "
                        + model.name() + " (overflow=reject)";
            }
            for (int k = 0; k < request.passages().size(); k++) {
                if (model.tokenize(request.passages().get(k)).overflowed()) {
                    return "passage " + k + ": " + model.overflowMessage(k);
                }
            }
            return null;
        }

        @Override
        public String modelName() {
            return model.name();
        }

        @Override
        public void close() {
            model.close();
        }
    }

    /** Logits of a cross-encoder over each (query, passage) pair. */
    record Cross(CrossEncoderModel model) implements RerankScorer {
        @Override
        public List<double[]> score(List<Request> requests) {
            return requests.stream().map(r -> model.score(r.query(), r.passages())).toList();
        }

        @Override
        public @Nullable String reject(Request request) {
            return null; // pairs are cut longest-first by the tokenizer
        }

        @Override
        public String modelName() {
            return model.name();
        }

        @Override
        public void close() {
            model.close();
        }
    }
}
