// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.engine.llamacpp;

import dev.ayo4j.NonRetriableEngineException;
import dev.ayo4j.engine.llamacpp.gguf.GgufFile;
import dev.ayo4j.engine.llamacpp.gguf.GgufFormatException;
import dev.ayo4j.engine.llamacpp.gguf.GgufReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks a model file before llama.cpp sees it: llama.cpp may crash the JVM on a file that is not
 * GGUF, and reports an unknown architecture only in its log, so both are caught here with a message
 * that names the file.
 */
public final class ModelFileCheck {
    /**
     * Text-generation architectures known to the bundled llama.cpp (build 4916, March 2025). Encoder-only
     * ones (bert, nomic-bert, jina-bert-v2, t5encoder) and wavtokenizer are left out: they do not generate.
     * Newer architectures (qwen3, mistral3, ...) did not exist in that build. Model tools that inspect a
     * file before any engine opens it tell runnable files by this same list.
     */
    public static final Set<String> ARCHITECTURES = Set.of("llama", "deci", "falcon", "grok", "gpt2", "gptj", "gptneox",
            "mpt", "baichuan", "starcoder", "refact", "bloom", "stablelm", "qwen", "qwen2", "qwen2moe", "qwen2vl",
            "phi2", "phi3", "phimoe", "plamo", "codeshell", "orion", "internlm2", "minicpm", "minicpm3", "gemma",
            "gemma2", "gemma3", "starcoder2", "mamba", "xverse", "command-r", "cohere2", "dbrx", "olmo", "olmo2",
            "olmoe", "openelm", "arctic", "deepseek", "deepseek2", "chatglm", "bitnet", "t5", "jais", "nemotron",
            "exaone", "rwkv6", "rwkv6qwen2", "rwkv7", "arwkv7", "granite", "granitemoe", "chameleon");

    private ModelFileCheck() {}

    /** Returns the file's header, or throws naming the file and what is wrong with it. */
    static GgufFile check(Path model) {
        if (!Files.exists(model)) {
            throw new NonRetriableEngineException("model file not found: " + model.toAbsolutePath());
        }
        if (!Files.isRegularFile(model) || !Files.isReadable(model)) {
            throw new NonRetriableEngineException("model file is not a readable file: " + model.toAbsolutePath());
        }
        GgufFile header;
        try {
            header = GgufReader.read(model);
        } catch (GgufFormatException e) {
            throw new NonRetriableEngineException(e.getMessage(), e);
        }
        String arch = header.architecture();
        if (arch == null) {
            throw new NonRetriableEngineException(
                    "GGUF file " + model + " declares no general.architecture, so llama.cpp cannot load it");
        }
        if (!ARCHITECTURES.contains(arch)) {
            throw new NonRetriableEngineException(String.format(
                    "GGUF file %s has architecture '%s', which the bundled llama.cpp (build 4916) cannot run;"
                            + " supported: %s (Mistral models use 'llama')", model, arch, new TreeSet<>(ARCHITECTURES)));
        }
        return header;
    }
}
