// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.cli.model;

import dev.ayo4j.models.ModelInfo;
import dev.ayo4j.models.SyntheticModel;
import dev.ayo4j.models.SyntheticShape;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ayo4j model synth}: writes a synthetic GGUF model, no hub needed. */
@Command(name = "synth", mixinStandardHelpOptions = true,
        description = {"Write a synthetic GGUF model (llama architecture) into the cache's synthetic/ folder.",
                "chain: greedy decoding yields exactly --text; json-chain: it yields the JSON list of --items;"
                        + " random: random weights of --shape, real compute but meaningless text."})
final class ModelSynthCommand extends ModelCacheCommand {
    @Option(names = "--kind", required = true, paramLabel = "KIND", description = "chain, json-chain or random.",
            showDefaultValue = CommandLine.Help.Visibility.NEVER)
    String kind = "";

    @Option(names = "--shape", defaultValue = "small", paramLabel = "SHAPE",
            description = "Shape of a random model: qwen2.5-0.5b, small or tiny.")
    String shape = "small";

    @Option(names = "--seed", defaultValue = "42", paramLabel = "N",
            description = "Seed of a random model's weights.")
    long seed = SyntheticModel.DEFAULT_SEED;

    @Option(names = "--text", paramLabel = "TEXT", description = "Text a chain model generates.")
    @Nullable String text;

    @Option(names = "--items", paramLabel = "A,B,...",
            description = "Comma-separated items of a json-chain model, e.g. \"alpha beta,gamma delta\".")
    @Nullable String items;

    @Option(names = "--out", paramLabel = "FILE",
            description = "Output file (default: a name in the cache's synthetic/ folder).")
    @Nullable Path out;

    @Override
    public Integer call() {
        SyntheticModel model = model();
        Path target = out != null ? out : cache().syntheticDir().resolve(model.fileName());
        ModelInfo info = model.writeTo(target);
        PrintWriter printer = output();
        printer.println("wrote " + info.path());
        printer.println("  " + model.describe());
        printer.println("  " + info.summary());
        if (model instanceof SyntheticModel.Random) {
            printer.println("  warning: random weights produce meaningless text; use this model to measure"
                    + " speed and memory, not answers");
        }
        return 0;
    }

    private SyntheticModel model() {
        return switch (kind) {
            case "chain" -> new SyntheticModel.Chain(text == null ? SyntheticModel.DEFAULT_TEXT : text);
            case "json-chain" ->
                    new SyntheticModel.JsonChain(items == null ? SyntheticModel.DEFAULT_ITEMS : split(items));
            case "random" -> new SyntheticModel.Random(shapeOrFail(), seed);
            default -> throw usageError("unknown --kind '" + kind + "'; expected chain, json-chain or random");
        };
    }

    private SyntheticShape shapeOrFail() {
        try {
            return SyntheticShape.of(shape);
        } catch (IllegalArgumentException e) {
            throw usageError(e.getMessage());
        }
    }

    private static List<String> split(String items) {
        return Arrays.stream(items.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
