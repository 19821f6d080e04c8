// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.cli.encoder;

import dev.ayo4j.encoders.policies.EncoderPolicyConfig;
import dev.ayo4j.encoders.pool.EncoderPool;
import dev.ayo4j.encoders.pool.EncoderPoolBuilder;
import dev.ayo4j.encoders.server.ApiKeys;
import dev.ayo4j.encoders.server.EncoderServer;
import dev.ayo4j.engine.onnx.BundledEncoder;
import dev.ayo4j.engine.onnx.EncoderModel;
import dev.ayo4j.engine.onnx.EncoderOptions;
import dev.ayo4j.engine.onnx.Overflow;
import dev.ayo4j.telemetry.TelemetryAgent;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ayo4j serve encoder}: an encoder pool behind TEI's {@code /embed} and {@code /rerank}, OpenAI's
 * {@code /v1/embeddings}, {@code /health} and {@code /metrics} (the pool's meters and this host's telemetry, as
 * Prometheus text), until interrupted.
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

    @Option(names = "--grace", defaultValue = "PT10S",
            description = "On TERM, how long requests in flight may take to finish, ISO-8601.")
    Duration grace;

    @Option(names = "--max-client-batch", defaultValue = "256",
            description = "Most texts in one request; more get 413.")
    int maxClientBatch;

    @Option(names = "--request-timeout", defaultValue = "PT60S",
            description = "Longest a request waits for its vectors; then 503 and its texts leave the queue.")
    Duration requestTimeout;

    @Option(names = "--read-timeout", defaultValue = "PT30S",
            description = "Longest a client may take to send a request's headers and body.")
    Duration readTimeout;

    @Option(names = "--idle-timeout", defaultValue = "PT30S",
            description = "Idle keep-alive connections close after this.")
    Duration idleTimeout;

    @Option(names = "--max-connections", defaultValue = "1000",
            description = "Most connections open at once.")
    int maxConnections;

    @Option(names = "--api-keys", paramLabel = "FILE",
            description = "File of bearer API keys, one per line (default: the comma-separated keys of $AYO4J_API_KEYS, else none).")
    Path apiKeys;

    @Option(names = "--insecure", description = "Allow a non-loopback --host without API keys.")
    boolean insecure;

    @Override
    public Integer call() throws InterruptedException {
        ApiKeys keys = ApiKeys.load(apiKeys, System.getenv());
        ApiKeys.checkListenAddress(host, keys, insecure);
        EncoderServer.Options serverOptions = EncoderServer.Options.DEFAULT.withMaxInputs(maxClientBatch)
                .withRequestTimeout(requestTimeout).withConnections(readTimeout, idleTimeout, maxConnections)
                .withApiKeys(keys);
        boolean truncate = Overflow.parse(overflow) == Overflow.TRUNCATE;
        EncoderOptions options = EncoderOptions.DEFAULTS.withThreads(threads).withMaxTokens(maxTokens);
        try (EncoderModel encoder = EncoderModel.bundled(BundledEncoder.byName(model), options)) {
            EncoderPoolBuilder builder = EncoderPool.builder("encoder").policy(policy, EncoderPolicyConfig.DEFAULT)
                    .binned(policy.startsWith("arlo") && members + remotes.size() > 1).capacity(capacity);
            for (int i = 0; i < members; i++) {
                builder.local(encoder);
            }
            remotes.forEach(builder::remote);
            PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            try (EncoderPool pool = builder.build();
                 TelemetryAgent telemetry = TelemetryAgent.start(registry, TelemetryAgent.Options.DEFAULT);
                 EncoderServer server = EncoderServer.start(pool, new InetSocketAddress(host, port),
                         serverOptions.withTruncateByDefault(truncate), registry::scrape,
                         EncoderPoolMeters.http(registry))) {
                EncoderPoolMeters.bind(pool, registry);
                System.out.printf("serving %s (window %d tokens, policy %s, %d member(s)%s) on %s%n", pool.model(),
                        pool.window(), policy, members + remotes.size(), keys.enabled() ? ", API keys required" : "",
                        server.uri());
                String signal = Termination.await();
                System.out.printf("%s: stopping, answering the requests in flight (up to %s)%n", signal, grace);
                server.drain(grace);
            }
        }
        return 0;
    }
}
