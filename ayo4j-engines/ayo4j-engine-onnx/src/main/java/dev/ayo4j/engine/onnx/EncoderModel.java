// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.engine.onnx;

import ai.onnxruntime.OrtException;
import dev.ayo4j.NonRetriableEngineException;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Sentence encoder: one ONNX Runtime session plus its tokenizer, turning texts into L2-normalised
 * vectors.
 *
 * <p>A forward pass tokenizes, pads only to the pass's own longest member, sets the attention mask and
 * {@code token_type_ids} 0, runs the graph, pools its {@code last_hidden_state} ({@link Pooling}) and
 * normalises. {@link #embed(List)} sorts texts by token count and cuts them into passes under
 * {@link EncoderOptions#batchTokens()} padded tokens; with fp32 models the result does not depend on
 * batch-mates (equal to single-text passes within float rounding).
 *
 * <p><b>Long texts.</b> The window is {@link EncoderOptions#maxTokens()} tokens, special tokens
 * included: by default the model's own (128 for all-MiniLM-L6-v2, 512 for bge-small-en-v1.5 and for
 * files), at most 512. With {@link Overflow#TRUNCATE}, the default, only the first
 * {@code window - 2} word pieces count; with {@link Overflow#REJECT} {@link #embed} throws naming the
 * text. (LangChain4j cuts texts into 510-token chunks and averages them, but its MiniLM tokenizer then
 * truncates each chunk to 128 tokens, so for texts up to 510 tokens both agree; ayo4j leaves chunking
 * to the application.)
 *
 * <p><b>Empty texts.</b> An empty or blank string is embedded as {@code [CLS] [SEP]}: a fixed, valid
 * vector that is not close to real texts, so a blank passage is stored and simply never ranks high,
 * rather than failing the whole ingest.
 *
 * <p>Thread-safe. Native files: ONNX Runtime extracts its library to {@code java.io.tmpdir}; DJL
 * extracts its tokenizer library to {@code DJL_CACHE_DIR} when set (environment or system property),
 * and otherwise this class sets the system property to {@code java.io.tmpdir/ayo4j-djl} before the
 * first tokenizer loads, so nothing is written to the user's home folder.
 */
public final class EncoderModel implements AutoCloseable {
    private static final String HIDDEN_STATE = "last_hidden_state";

    private final OnnxEncoder encoder;
    private final Pooling pooling;
    private final String output;
    private final int dimension;

    private EncoderModel(OnnxEncoder encoder, Pooling pooling) {
        this.encoder = encoder;
        this.pooling = pooling;
        this.output = hiddenStateOutput(encoder);
        this.dimension = (int) encoder.outputShape(output)[2];
    }

    /**
     * {@code last_hidden_state}, or else the first output shaped {@code [batch, tokens, dim]}: some
     * exports (the langchain4j 1.8 MiniLM jar) name it {@code output_0} beside a pooled output.
     */
    private static String hiddenStateOutput(OnnxEncoder encoder) {
        List<String> candidates = new ArrayList<>();
        if (encoder.outputNames().contains(HIDDEN_STATE)) {
            candidates.add(HIDDEN_STATE);
        }
        candidates.addAll(encoder.outputNames());
        for (String name : candidates) {
            long[] shape = encoder.outputShape(name);
            if (shape.length == 3 && shape[2] > 0) {
                return name;
            }
        }
        String message = "encoder " + encoder.name()
                + " has no output shaped [batch, tokens, dim] with a fixed dim; outputs are " + encoder.outputNames();
        encoder.close();
        throw new NonRetriableEngineException(message);
    }

    /** The graph output that is pooled. */
    String hiddenStateOutput() {
        return output;
    }

    /** Loads a model bundled in a langchain4j jar, with the pooling it was trained with. */
    public static EncoderModel bundled(BundledEncoder model, EncoderOptions options) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(options, "options");
        return new EncoderModel(OnnxEncoder.fromResources(model, options), model.pooling());
    }

    /**
     * Loads a BERT-class encoder from an ONNX file and a Hugging Face {@code tokenizer.json}; throws
     * {@link NonRetriableEngineException} naming a missing or unloadable file.
     */
    public static EncoderModel fromFiles(Path onnxFile, Path tokenizerFile, Pooling pooling, EncoderOptions options) {
        Objects.requireNonNull(pooling, "pooling");
        Objects.requireNonNull(options, "options");
        return new EncoderModel(OnnxEncoder.fromFiles(onnxFile, tokenizerFile, options), pooling);
    }

    /** The model name, e.g. {@code all-minilm-l6-v2}, or the ONNX file name. */
    public String name() {
        return encoder.name();
    }

    public Pooling pooling() {
        return pooling;
    }

    public EncoderOptions options() {
        return encoder.options();
    }

    /** Vector length. */
    public int dimension() {
        return dimension;
    }

    /**
     * Embeds texts in length-aware passes; returns one unit vector per text, in input order.
     *
     * @throws NonRetriableEngineException if a text is longer than the window under
     *         {@link Overflow#REJECT}, or ONNX Runtime fails
     */
    public List<float[]> embed(List<String> texts) {
        return List.of(embedTokens(tokenizeAll(texts, "")));
    }

    /**
     * A text's length as this model counts it.
     *
     * @param tokens     tokens the model runs, special tokens included, after the cut to the window
     * @param overflowed whether the text was longer than the window (and was cut)
     */
    public record Measure(int tokens, boolean overflowed) {}

    /** Tokenizes {@code text} and reports its length; blocks in native code (run it on a platform thread). */
    public Measure measure(String text) {
        Tokens t = tokenize(text);
        return new Measure(t.length(), t.overflowed());
    }

    /**
     * Embeds {@code texts} in exactly one forward pass padded to their longest member, whatever the
     * padded-token budget: a caller that forms its own batches (a batch policy under test) gets exactly
     * the cost of the batch it chose. Over-long texts are cut to the window; under {@link Overflow#REJECT}
     * this throws as {@link #embed} does. Vectors in input order.
     */
    public List<float[]> embedPass(List<String> texts) {
        return texts.isEmpty() ? List.of() : List.of(forward(tokenizeAll(texts, "")));
    }

    /**
     * Tokens of every text, cut to the window; under {@link Overflow#REJECT} a text too long throws, its
     * message {@link #overflowMessage} after {@code context} (e.g. the task's name).
     */
    List<Tokens> tokenizeAll(List<String> texts, String context) {
        List<Tokens> tokens = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            Tokens t = tokenize(texts.get(i));
            if (t.overflowed() && options().overflow() == Overflow.REJECT) {
                throw new NonRetriableEngineException(context + overflowMessage(i));
            }
            tokens.add(t);
        }
        return tokens;
    }

    String overflowMessage(int index) {
        return "text " + index + " is longer than the " + options().maxTokens() + "-token window of "
                + name() + " (overflow=reject)";
    }

    Tokens tokenize(String text) {
        return encoder.encode(text);
    }

    /** Embeds tokenized inputs in length-aware passes; vectors in input order. */
    float[][] embedTokens(List<Tokens> tokens) {
        int[] lengths = tokens.stream().mapToInt(Tokens::length).toArray();
        float[][] out = new float[tokens.size()][];
        for (int[] pass : LengthBatcher.plan(lengths, options().batchTokens())) {
            List<Tokens> items = new ArrayList<>(pass.length);
            for (int i : pass) {
                items.add(tokens.get(i));
            }
            float[][] vectors = forward(items);
            for (int k = 0; k < pass.length; k++) {
                out[pass[k]] = vectors[k];
            }
        }
        return out;
    }

    /** One forward pass over {@code items}, padded to their longest member. */
    float[][] forward(List<Tokens> items) {
        PaddedBatch batch = PaddedBatch.of(items);
        try {
            return encoder.run(batch, output, tensor -> pool(tensor.getFloatBuffer(), batch));
        } catch (OrtException e) {
            throw new NonRetriableEngineException("encoder " + name() + " failed on a pass of " + batch.size()
                    + " x " + batch.length() + " tokens: " + e.getMessage(), e);
        }
    }

    private float[][] pool(FloatBuffer hidden, PaddedBatch batch) {
        float[][] vectors = new float[batch.size()][];
        for (int i = 0; i < batch.size(); i++) {
            int base = i * batch.length() * dimension;
            float[] v = new float[dimension];
            int rows = pooling == Pooling.CLS ? 1 : batch.lengths()[i];
            for (int r = 0; r < rows; r++) {
                int off = base + r * dimension;
                for (int d = 0; d < dimension; d++) {
                    v[d] += hidden.get(off + d);
                }
            }
            vectors[i] = normalise(v);
        }
        return vectors;
    }

    /** Normalising the sum equals normalising the mean, so the division by the row count is skipped. */
    private static float[] normalise(float[] sum) {
        double norm = 0;
        for (float x : sum) {
            norm += (double) x * x;
        }
        double scale = norm > 0 ? 1.0 / Math.sqrt(norm) : 0;
        for (int d = 0; d < sum.length; d++) {
            sum[d] = (float) (sum[d] * scale);
        }
        return sum;
    }

    @Override
    public void close() {
        encoder.close();
    }
}
