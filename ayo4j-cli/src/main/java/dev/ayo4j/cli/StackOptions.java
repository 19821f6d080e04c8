package dev.ayo4j.cli;

import dev.ayo4j.engine.llamacpp.gguf.ModelShape;
import dev.ayo4j.engine.llamacpp.gguf.SyntheticModels;
import dev.ayo4j.Ayo4jException;
import dev.ayo4j.local.LocalStackOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;
import picocli.CommandLine.Option;

/** Options shared by commands that run apps on the embedded engines. */
final class StackOptions {
    @Option(names = "--model", description = "GGUF model file; default: a pulled model, else a synthetic one.")
    Path model;

    @Option(names = "--llm-threads", defaultValue = "1", description = "LLM threads (default: ${DEFAULT-VALUE}).")
    int llmThreads;

    @Option(names = "--encoder-threads", defaultValue = "1",
            description = "Threads per encoder (default: ${DEFAULT-VALUE}).")
    int encoderThreads;

    @Option(names = "--deadline", defaultValue = "PT10M", description = "Deadline per query, ISO-8601 (default: ${DEFAULT-VALUE}).")
    Duration deadline;

    /** A model file and what kind it is. */
    record Model(Path path, boolean synthetic, String description) {}

    /** The model to run: given, else the first pulled GGUF, else a synthetic one written on first use. */
    Model resolveModel(PrintStream log) {
        if (model != null) {
            return new Model(model, false, "given model " + model);
        }
        Optional<Path> pulled = pulledModel();
        if (pulled.isPresent()) {
            return new Model(pulled.get(), false, "pulled model " + pulled.get());
        }
        Path synthetic = Ayo4jHome.models().resolve("synthetic").resolve("random-small-25m-q8_0.gguf");
        if (!Files.exists(synthetic)) {
            log.println("writing a synthetic model (random weights, about 25M parameters) to " + synthetic + "...");
            SyntheticModels.writeRandom(synthetic, ModelShape.SMALL_25M, 42);
        }
        return new Model(synthetic, true, "synthetic model " + synthetic
                + " (random weights: same compute as a real model, but the answer text is meaningless;"
                + " pull a real GGUF with 'ayo4j model pull' for real answers)");
    }

    LocalStackOptions stack(Model chosen) {
        return LocalStackOptions.of(chosen.path(), Ayo4jHome.data()).withThreads(llmThreads, encoderThreads)
                .withSynthetic(chosen.synthetic());
    }

    private static Optional<Path> pulledModel() {
        Path dir = Ayo4jHome.models();
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> p.toString().endsWith(".gguf") && !p.startsWith(dir.resolve("synthetic")))
                    .sorted().findFirst();
        } catch (IOException e) {
            throw new Ayo4jException("cannot list models in " + dir + ": " + e.getMessage(), e);
        }
    }
}
