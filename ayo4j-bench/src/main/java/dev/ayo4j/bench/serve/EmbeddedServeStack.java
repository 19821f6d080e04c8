// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.bench.serve;

import dev.ayo4j.api.Ayo4j;
import dev.ayo4j.bench.app.AppBenchmark;
import dev.ayo4j.bench.app.Engines;
import dev.ayo4j.local.LocalStack;
import dev.ayo4j.local.LocalStackOptions;
import dev.langchain4j.model.embedding.EmbeddingModel;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The embedded engines (llama.cpp in process, the ONNX encoders, Lucene) for both systems: the front door
 * opens them from {@link LocalStackOptions#specs()} with collections in {@code dataDir/ayo4j}; the
 * LangChain4j pipeline gets a {@link LocalStack} of the same options in {@code dataDir/langchain4j} (its LLM
 * and reranker) and LangChain4j's own all-MiniLM-L6-v2 on as many ONNX Runtime threads as ayo4j's embedder,
 * as {@code bench app} places them.
 */
public final class EmbeddedServeStack implements ServeStack {
    private final LocalStackOptions options;
    private final String description;
    private final LocalStack lc4jStack;
    private final ExecutorService lc4jExecutor = Executors.newSingleThreadExecutor();
    private final EmbeddingModel lc4jEmbeddings;

    /** The stack of {@code options} (its data folder replaced by folders under {@code dataDir}). */
    public EmbeddedServeStack(LocalStackOptions options, Path dataDir, String description) {
        Objects.requireNonNull(dataDir, "dataDir");
        this.options = withData(options, dataDir.resolve("ayo4j"));
        this.description = Objects.requireNonNull(description, "description");
        this.lc4jStack = LocalStack.open(withData(options, dataDir.resolve("langchain4j")));
        this.lc4jEmbeddings = AppBenchmark.langChain4jMiniLm(options.encoderThreads(), lc4jExecutor);
    }

    private static LocalStackOptions withData(LocalStackOptions o, Path dir) {
        return o.withDataDir(dir);
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public Ayo4j openAyo4j() {
        return Ayo4j.builder().embedded(options).build();
    }

    @Override
    public Engines langChain4jEngines() {
        return new Engines(lc4jStack.llm(), lc4jStack.embedder(), lc4jStack.reranker(), lc4jStack.vectors());
    }

    @Override
    public EmbeddingModel langChain4jEmbeddings() {
        return lc4jEmbeddings;
    }

    @Override
    public void close() {
        try (lc4jStack) {
            lc4jExecutor.close();
        }
    }
}
