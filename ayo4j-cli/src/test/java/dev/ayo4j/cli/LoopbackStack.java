// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.cli;

import dev.ayo4j.encoders.policies.EncoderPolicyConfig;
import dev.ayo4j.encoders.pool.EncoderPool;
import dev.ayo4j.encoders.server.EncoderServer;
import dev.ayo4j.engine.llamacpp.gguf.SyntheticModels;
import dev.ayo4j.engine.onnx.BundledEncoder;
import dev.ayo4j.engine.onnx.EncoderModel;
import dev.ayo4j.engine.onnx.EncoderOptions;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The remote stack of the loopback tests: a json-chain model behind an OpenAI-compatible server, and the
 * two bundled encoders each behind an in-process {@link EncoderServer} (what {@code ayo4j serve encoder}
 * runs), all on ephemeral loopback ports; plus the engine file that names them.
 */
final class LoopbackStack implements AutoCloseable {
    static final List<String> QUERIES = List.of("lucene vector index", "prompt cache prefill",
            "streamed list decoding");

    private final List<AutoCloseable> open = new ArrayList<>();
    final TestingLlamaServer llm;
    final EncoderServer embedder;
    final EncoderServer reranker;
    final Path engineFile;

    LoopbackStack(Path dir) throws IOException {
        Path model = dir.resolve("chain.gguf");
        SyntheticModels.writeJsonListChain(model, QUERIES);
        llm = keep(TestingLlamaServer.start(model));
        embedder = keep(encoderServer(BundledEncoder.ALL_MINILM_L6_V2));
        reranker = keep(encoderServer(BundledEncoder.BGE_SMALL_EN_V15));
        engineFile = writeEngineFile(dir, llm.baseUrl(), embedder.uri().toString(), reranker.uri().toString());
    }

    /**
     * Writes {@code engines.yaml} in {@code dir}: the LLM on the OpenAI-compatible server at {@code llmUrl}, the
     * encoders on the TEI-compatible servers at {@code embedderUrl} and {@code rerankerUrl}, and a Lucene store
     * in {@code dir/data}.
     */
    static Path writeEngineFile(Path dir, String llmUrl, String embedderUrl, String rerankerUrl)
            throws IOException {
        return Files.writeString(dir.resolve("engines.yaml"), """
                engines:
                  - name: llm
                    provider: openai
                    roles: [llm]
                    options: {baseUrl: "%s", model: chain}
                  - name: embedder
                    provider: tei
                    roles: [embedder]
                    options: {baseUrl: "%s", role: embed}
                  - name: reranker
                    provider: tei
                    roles: [reranker]
                    options: {baseUrl: "%s", role: rerank}
                  - name: vectors
                    provider: lucene
                    roles: [vectors]
                    options: {root: "%s"}
                """.formatted(llmUrl, embedderUrl, rerankerUrl, dir.resolve("data")));
    }

    /** The answer the chain model gives to any prompt: its JSON list. */
    static String chainText() {
        return SyntheticModels.jsonList(QUERIES);
    }

    private EncoderServer encoderServer(BundledEncoder which) {
        EncoderModel model = keep(EncoderModel.bundled(which, EncoderOptions.DEFAULTS.withThreads(1)));
        EncoderPool pool = keep(EncoderPool.builder(which.name()).policy("fifo-token-budget", EncoderPolicyConfig.DEFAULT)
                .local(model).build());
        return EncoderServer.start(pool, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                EncoderServer.Options.DEFAULT);
    }

    private <T extends AutoCloseable> T keep(T c) {
        open.add(c);
        return c;
    }

    @Override
    public void close() throws Exception {
        for (AutoCloseable c : open.reversed()) {
            c.close();
        }
    }
}
