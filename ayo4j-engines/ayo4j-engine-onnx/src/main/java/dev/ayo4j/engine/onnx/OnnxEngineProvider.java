// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.engine.onnx;

import dev.ayo4j.NonRetriableEngineException;
import dev.ayo4j.spi.Engine;
import dev.ayo4j.spi.EngineConfig;
import dev.ayo4j.spi.EngineProvider;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Provider {@code onnx} of in-process encoder engines.
 *
 * <p>Options (all optional):
 * <ul>
 *   <li>{@code role}: {@code embed} (default) for an {@link OnnxEmbeddingEngine}, or {@code rerank}
 *       for an {@link OnnxRerankEngine};</li>
 *   <li>{@code model}: a {@link BundledEncoder} name; default {@code all-minilm-l6-v2} for
 *       {@code embed} and {@code bge-small-en-v1.5} for {@code rerank};</li>
 *   <li>{@code modelPath} and {@code tokenizerPath}: an ONNX file and its {@code tokenizer.json},
 *       instead of a bundled model. With {@code role=embed} the file is a bi-encoder pooled by
 *       {@code pooling} ({@code mean}, the default, or {@code cls}); with {@code role=rerank} it is a
 *       cross-encoder with a {@code logits} output;</li>
 *   <li>{@code threads} (default 1), {@code maxTokens} (default: the model's window), {@code overflow}
 *       ({@code truncate}, the default, or {@code reject}) and {@code batchTokens} (default 1024):
 *       see {@link EncoderOptions}.</li>
 * </ul>
 * An unknown option or a bad value throws {@link NonRetriableEngineException} naming it.
 */
public final class OnnxEngineProvider implements EngineProvider {
    private static final System.Logger LOG = System.getLogger(OnnxEngineProvider.class.getName());
    private static final Set<String> OPTIONS = Set.of("role", "model", "modelPath", "tokenizerPath", "pooling",
            "threads", "maxTokens", "overflow", "batchTokens");

    @Override
    public String name() {
        return "onnx";
    }

    @Override
    public Engine create(EngineConfig config) {
        Set<String> unknown = config.unknownOptions(OPTIONS);
        if (!unknown.isEmpty()) {
            throw new NonRetriableEngineException("engine " + config.name() + " (onnx): unknown option(s) " + unknown
                    + "; known: " + new TreeSet<>(OPTIONS));
        }
        try {
            return build(config);
        } catch (IllegalArgumentException e) {
            throw new NonRetriableEngineException("engine " + config.name() + " (onnx): " + e.getMessage(), e);
        }
    }

    private static Engine build(EngineConfig config) {
        EncoderOptions options = new EncoderOptions(
                config.intOption("threads", EncoderOptions.DEFAULT_THREADS),
                config.intOption("maxTokens", EncoderOptions.MODEL_WINDOW),
                Overflow.parse(config.option("overflow", "truncate")),
                config.intOption("batchTokens", EncoderOptions.DEFAULT_BATCH_TOKENS));
        String role = config.option("role", "embed").trim().toLowerCase(Locale.ROOT);
        String modelPath = config.options().get("modelPath");
        String tokenizerPath = config.options().get("tokenizerPath");
        if ((modelPath == null) != (tokenizerPath == null)) {
            throw new IllegalArgumentException("options modelPath and tokenizerPath go together; got only "
                    + (modelPath == null ? "tokenizerPath" : "modelPath"));
        }
        if (modelPath != null && config.options().containsKey("model")) {
            throw new IllegalArgumentException("give either model (a bundled encoder) or modelPath, not both");
        }
        Engine engine = switch (role) {
            case "embed" -> new OnnxEmbeddingEngine(config.name(), modelPath == null
                    ? EncoderModel.bundled(BundledEncoder.byName(config.option("model", "all-minilm-l6-v2")), options)
                    : EncoderModel.fromFiles(Path.of(modelPath), Path.of(tokenizerPath),
                            Pooling.parse(config.option("pooling", "mean")), options));
            case "rerank" -> modelPath == null
                    ? OnnxRerankEngine.similarity(config.name(), EncoderModel.bundled(
                            BundledEncoder.byName(config.option("model", "bge-small-en-v1.5")), options))
                    : OnnxRerankEngine.crossEncoder(config.name(),
                            CrossEncoderModel.fromFiles(Path.of(modelPath), Path.of(tokenizerPath), options));
            default -> throw new IllegalArgumentException("option role must be embed or rerank, not '" + role + "'");
        };
        String model = switch (engine) {
            case OnnxEmbeddingEngine e -> e.model().name();
            case OnnxRerankEngine r -> r.modelName();
            default -> "?";
        };
        LOG.log(Level.INFO, "engine {0}: onnx {1} on {2}", config.name(), role, model);
        return engine;
    }
}
