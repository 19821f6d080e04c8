package dev.ayo4j.engine.onnx;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** How {@link OnnxRerankEngine} scores passages against a query: by embedding similarity or a cross-encoder. */
sealed interface RerankScorer extends AutoCloseable {

    /** One query and its candidate passage texts. */
    record Request(String query, List<String> passages) {}

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

    /** Cosine similarity of query and passage vectors from one bi-encoder; all texts go in one embed call. */
    record Similarity(EncoderModel model) implements RerankScorer {
        @Override
        public List<double[]> score(List<Request> requests) {
            List<Tokens> tokens = new ArrayList<>();
            for (Request r : requests) {
                tokens.add(model.tokenize(r.query()));
                r.passages().forEach(p -> tokens.add(model.tokenize(p)));
            }
            float[][] vectors = model.embedTokens(tokens);
            List<double[]> scores = new ArrayList<>(requests.size());
            int at = 0;
            for (Request r : requests) {
                float[] q = vectors[at++];
                double[] s = new double[r.passages().size()];
                for (int k = 0; k < s.length; k++) {
                    s[k] = dot(q, vectors[at++]);
                }
                scores.add(s);
            }
            return scores;
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
