// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.engine.onnx;

import ai.onnxruntime.OrtException;
import dev.ayo4j.NonRetriableEngineException;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Cross-encoder reranker: scores a query against each passage by running the pair
 * {@code [CLS] query [SEP] passage [SEP]} (segment ids 0 then 1) through an ONNX graph with a
 * {@code logits} output of shape {@code [batch, labels]}.
 *
 * <p>The score is the first logit when there is one label (ms-marco cross-encoders), and the last
 * logit otherwise (the "relevant" class of a two-class head). Pairs longer than the window are cut
 * longest-first (the tokenizer's {@code truncation=true}), whatever {@link EncoderOptions#overflow()}
 * says. Pairs are batched by length like {@link EncoderModel#embed}.
 *
 * <p><b>No cross-encoder model ships in any package this project can reach</b>: the model and its
 * {@code tokenizer.json} must be given as files (for example an ms-marco MiniLM cross-encoder exported
 * to ONNX). Thread-safe.
 */
public final class CrossEncoderModel implements AutoCloseable {
    /** The graph output read for scores. */
    public static final String LOGITS = "logits";

    private final OnnxEncoder encoder;
    private final int labels;

    private CrossEncoderModel(OnnxEncoder encoder) {
        this.encoder = encoder;
        String problem = null;
        if (!encoder.outputNames().contains(LOGITS)) {
            problem = "has no '" + LOGITS + "' output; outputs are " + encoder.outputNames();
        } else if (encoder.outputShape(LOGITS).length != 2) {
            problem = "output " + LOGITS + " must be [batch, labels], but is "
                    + Arrays.toString(encoder.outputShape(LOGITS));
        }
        if (problem != null) {
            encoder.close();
            throw new NonRetriableEngineException("cross-encoder " + encoder.name() + " " + problem);
        }
        this.labels = (int) encoder.outputShape(LOGITS)[1];
    }

    /**
     * Loads a cross-encoder from an ONNX file and a Hugging Face {@code tokenizer.json}; throws
     * {@link NonRetriableEngineException} naming a missing or unloadable file.
     */
    public static CrossEncoderModel fromFiles(Path onnxFile, Path tokenizerFile, EncoderOptions options) {
        Objects.requireNonNull(options, "options");
        return new CrossEncoderModel(OnnxEncoder.fromFiles(onnxFile, tokenizerFile, options));
    }

    /** The ONNX file name. */
    public String name() {
        return encoder.name();
    }

    /** Relevance scores of {@code passages} for {@code query}, in passage order; higher is better. */
    public double[] score(String query, List<String> passages) {
        Objects.requireNonNull(query, "query");
        List<Tokens> pairs = new ArrayList<>(passages.size());
        for (String p : passages) {
            pairs.add(encoder.encodePair(query, p));
        }
        int[] lengths = pairs.stream().mapToInt(Tokens::length).toArray();
        double[] scores = new double[pairs.size()];
        for (int[] pass : LengthBatcher.plan(lengths, encoder.options().batchTokens())) {
            List<Tokens> items = new ArrayList<>(pass.length);
            for (int i : pass) {
                items.add(pairs.get(i));
            }
            double[] s = forward(items);
            for (int k = 0; k < pass.length; k++) {
                scores[pass[k]] = s[k];
            }
        }
        return scores;
    }

    private double[] forward(List<Tokens> items) {
        PaddedBatch batch = PaddedBatch.of(items);
        try {
            return encoder.run(batch, LOGITS, tensor -> read(tensor.getFloatBuffer(), batch.size()));
        } catch (OrtException e) {
            throw new NonRetriableEngineException("cross-encoder " + name() + " failed on a pass of "
                    + batch.size() + " x " + batch.length() + " tokens: " + e.getMessage(), e);
        }
    }

    private double[] read(FloatBuffer logits, int size) {
        int width = logits.remaining() / size;
        int column = width == 1 ? 0 : width - 1;
        double[] scores = new double[size];
        for (int i = 0; i < size; i++) {
            scores[i] = logits.get(i * width + column);
        }
        return scores;
    }

    /** Labels per pair as declared by the graph; -1 when dynamic. */
    int labels() {
        return labels;
    }

    @Override
    public void close() {
        encoder.close();
    }
}
