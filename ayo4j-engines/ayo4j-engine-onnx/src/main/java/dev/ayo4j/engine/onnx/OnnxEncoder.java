// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.engine.onnx;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import dev.ayo4j.NonRetriableEngineException;
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * One ONNX Runtime session and its tokenizer: what {@link EncoderModel} and {@link CrossEncoderModel}
 * share. Thread-safe: ORT sessions and DJL tokenizers may be used from several threads.
 */
final class OnnxEncoder implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(OnnxEncoder.class.getName());
    private static final String DJL_CACHE_DIR = "DJL_CACHE_DIR";

    private final String name;
    private final OrtEnvironment env;
    private final OrtSession session;
    private final HuggingFaceTokenizer tokenizer;
    private final EncoderOptions options;
    private final Set<String> inputNames;

    private OnnxEncoder(String name, OrtSession session, HuggingFaceTokenizer tokenizer, EncoderOptions options)
            throws OrtException {
        this.name = name;
        this.env = OrtEnvironment.getEnvironment();
        this.session = session;
        this.tokenizer = tokenizer;
        this.options = options;
        this.inputNames = Set.copyOf(session.getInputNames());
    }

    /** Loads a model and tokenizer shipped as class-path resources (the langchain4j model jars). */
    static OnnxEncoder fromResources(BundledEncoder model, EncoderOptions options) {
        ClassLoader cl = OnnxEncoder.class.getClassLoader();
        byte[] onnx;
        try (InputStream in = cl.getResourceAsStream(model.onnxResource())) {
            if (in == null) {
                throw new NonRetriableEngineException("bundled encoder " + model.modelName() + ": resource "
                        + model.onnxResource() + " is not on the class path; add the langchain4j-embeddings jar");
            }
            onnx = in.readAllBytes();
        } catch (IOException e) {
            throw new NonRetriableEngineException("cannot read resource " + model.onnxResource(), e);
        }
        HuggingFaceTokenizer tok;
        try (InputStream in = cl.getResourceAsStream(model.tokenizerResource())) {
            if (in == null) {
                throw new NonRetriableEngineException("bundled encoder " + model.modelName() + ": resource "
                        + model.tokenizerResource() + " is not on the class path");
            }
            configureDjlCache();
            options = resolveWindow(options, model.window());
            tok = HuggingFaceTokenizer.newInstance(in, tokenizerOptions(options));
        } catch (IOException e) {
            throw new NonRetriableEngineException("cannot read resource " + model.tokenizerResource(), e);
        }
        return open(model.modelName(), tok, opts -> OrtEnvironment.getEnvironment().createSession(onnx, opts), options);
    }

    /** Loads a model and tokenizer from files; errors name the missing or unreadable file. */
    static OnnxEncoder fromFiles(Path onnxFile, Path tokenizerFile, EncoderOptions options) {
        requireReadable(onnxFile, "ONNX model file");
        requireReadable(tokenizerFile, "tokenizer file");
        HuggingFaceTokenizer tok;
        options = resolveWindow(options, EncoderOptions.BERT_MAX_TOKENS);
        try {
            configureDjlCache();
            tok = HuggingFaceTokenizer.newInstance(tokenizerFile, tokenizerOptions(options));
        } catch (IOException | RuntimeException e) {
            throw new NonRetriableEngineException("cannot load tokenizer file " + tokenizerFile + ": " + e.getMessage(), e);
        }
        String file = onnxFile.toString();
        return open(onnxFile.getFileName().toString(), tok,
                opts -> OrtEnvironment.getEnvironment().createSession(file, opts), options);
    }

    private interface SessionFactory {
        OrtSession create(OrtSession.SessionOptions opts) throws OrtException;
    }

    private static OnnxEncoder open(String name, HuggingFaceTokenizer tok, SessionFactory factory,
                                    EncoderOptions options) {
        try (var opts = new OrtSession.SessionOptions()) {
            opts.setIntraOpNumThreads(options.threads());
            opts.setInterOpNumThreads(1);
            opts.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            opts.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            OrtSession session = factory.create(opts);
            LOG.log(Level.INFO, "loaded encoder {0}: inputs {1}, outputs {2}, {3} thread(s)", name,
                    session.getInputNames(), session.getOutputNames(), options.threads());
            return new OnnxEncoder(name, session, tok, options);
        } catch (OrtException e) {
            tok.close();
            throw new NonRetriableEngineException("cannot load ONNX model " + name + ": " + e.getMessage(), e);
        }
    }

    private static void requireReadable(Path file, String what) {
        Objects.requireNonNull(file, what);
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new NonRetriableEngineException(what + " not found or not readable: " + file);
        }
    }

    private static EncoderOptions resolveWindow(EncoderOptions options, int modelWindow) {
        return options.maxTokens() == EncoderOptions.MODEL_WINDOW ? options.withMaxTokens(modelWindow) : options;
    }

    private static Map<String, String> tokenizerOptions(EncoderOptions options) {
        return Map.of("padding", "false", "truncation", "true", "maxLength", String.valueOf(options.maxTokens()));
    }

    /**
     * Keeps DJL from extracting its native library into the user's home folder: unless the user set
     * {@code DJL_CACHE_DIR} (environment or system property), point it at {@code java.io.tmpdir}.
     */
    private static synchronized void configureDjlCache() {
        if (System.getenv(DJL_CACHE_DIR) == null && System.getProperty(DJL_CACHE_DIR) == null) {
            Path dir = Path.of(System.getProperty("java.io.tmpdir"), "ayo4j-djl");
            System.setProperty(DJL_CACHE_DIR, dir.toString());
            LOG.log(Level.DEBUG, "DJL_CACHE_DIR not set; using {0}", dir);
        }
    }

    String name() {
        return name;
    }

    EncoderOptions options() {
        return options;
    }

    /** Output names in graph order. */
    Set<String> outputNames() {
        return session.getOutputNames();
    }

    /** The declared shape of output {@code name}; -1 marks a dynamic axis. */
    long[] outputShape(String output) {
        try {
            if (session.getOutputInfo().get(output).getInfo() instanceof TensorInfo info) {
                return info.getShape();
            }
        } catch (OrtException e) {
            throw new NonRetriableEngineException("encoder " + name + ": cannot read output " + output, e);
        }
        throw new NonRetriableEngineException("encoder " + name + ": output " + output + " is not a tensor");
    }

    /** Tokenizes one text; an over-long text is cut to the window and marked. */
    Tokens encode(String text) {
        return tokens(tokenizer.encode(text));
    }

    /** Tokenizes a pair as {@code [CLS] a [SEP] b [SEP]}, segment ids 0 then 1. */
    Tokens encodePair(String a, String b) {
        return tokens(tokenizer.encode(a, b));
    }

    private static Tokens tokens(Encoding e) {
        return new Tokens(e.getIds(), e.getTypeIds(), e.exceedMaxLength());
    }

    /** Runs one forward pass and hands the named output to {@code read} before the result is freed. */
    <T> T run(PaddedBatch batch, String output, Function<OnnxTensor, T> read) throws OrtException {
        Map<String, OnnxTensor> inputs = batch.tensors(env, inputNames);
        try (OrtSession.Result result = session.run(inputs, Set.of(output))) {
            return read.apply((OnnxTensor) result.get(output).orElseThrow());
        } finally {
            inputs.values().forEach(OnnxTensor::close);
        }
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            LOG.log(Level.WARNING, "closing encoder " + name, e);
        } finally {
            tokenizer.close();
        }
    }
}
