// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.cli.encoder;

import dev.ayo4j.encoders.policies.EncoderPolicyConfig;
import dev.ayo4j.encoders.policies.PolicyRegistry;
import dev.ayo4j.encoders.pool.EncoderPool;
import dev.ayo4j.encoders.pool.EncoderPoolBuilder;
import dev.ayo4j.encoders.server.EncoderServer;
import dev.ayo4j.engine.onnx.BundledEncoder;
import dev.ayo4j.engine.onnx.EncoderModel;
import dev.ayo4j.engine.onnx.EncoderOptions;
import dev.ayo4j.engine.onnx.Overflow;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ayo4j serve encoder}: an encoder pool behind TEI's {@code /embed} and {@code /rerank}, OpenAI's
 * {@code /v1/embeddings} and {@code /health}, until interrupted.
 */
@Command(name = "encoder", mixinStandardHelpOptions = true,
        description = "Serve a bundled encoder over the TEI and OpenAI embedding APIs.")
public final class ServeEncoderCommand implements Callable<Integer> {
    @Option(names = "--model", defaultValue = "all-minilm-l6-v2", description = "Bundled encoder.")
    String model;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to bind.")
    String host;

    @Option(names = "--port", defaultValue = "8080", description = "Port; 0 picks a free one.")
    int port;

    @Option(names = "--policy", defaultValue = "arlo", description = "Batch policy: ${COMPLETION-CANDIDATES}.",
            completionCandidates = PolicyNames.class)
    String policy;

    @Option(names = "--members", defaultValue = "1", description = "In-process ONNX sessions.")
    int members;

    @Option(names = "--threads", defaultValue = "1", description = "ONNX Runtime threads per session.")
    int threads;

    @Option(names = "--remote", split = ",", description = "Also dispatch to these TEI-compatible servers (URLs).")
    List<URI> remotes = List.of();

    @Option(names = "--max-tokens", defaultValue = "0", description = "Window in tokens; 0 = the model's own (default).")
    int maxTokens;

    @Option(names = "--overflow", defaultValue = "truncate",
            description = "Texts over the window when a request does not say: truncate or reject.")
    String overflow;

    @Option(names = "--capacity", defaultValue = "" + EncoderPoolBuilder.DEFAULT_CAPACITY,
            description = "Texts that may wait before 429.")
    int capacity;

    @Override
    public Integer call() throws InterruptedException {
        boolean truncate = Overflow.parse(overflow) == Overflow.TRUNCATE;
        EncoderOptions options = EncoderOptions.DEFAULTS.withThreads(threads).withMaxTokens(maxTokens);
        try (EncoderModel encoder = EncoderModel.bundled(BundledEncoder.byName(model), options)) {
            EncoderPoolBuilder builder = EncoderPool.builder("encoder").policy(policy, EncoderPolicyConfig.DEFAULT)
                    .binned(policy.startsWith("arlo") && members + remotes.size() > 1).capacity(capacity);
            for (int i = 0; i < members; i++) {
                builder.local(encoder);
            }
            remotes.forEach(builder::remote);
            try (EncoderPool pool = builder.build();
                 EncoderServer server = EncoderServer.start(pool, new InetSocketAddress(host, port), truncate)) {
                System.out.printf("serving %s (window %d tokens, policy %s, %d member(s)) on %s%n", pool.model(),
                        pool.window(), policy, members + remotes.size(), server.uri());
                CountDownLatch stop = new CountDownLatch(1);
                Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
                stop.await();
            }
        }
        return 0;
    }

    /** Policy names for the help text. */
    static final class PolicyNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return PolicyRegistry.standard().names().iterator();
        }
    }
}
