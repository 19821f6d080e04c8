// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.encoders.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ayo4j.encoders.policies.EncoderPolicyConfig;
import dev.ayo4j.encoders.pool.EncoderPool;
import dev.ayo4j.encoders.pool.OverloadedException;
import dev.ayo4j.encoders.pool.PoolTexts;
import dev.ayo4j.engine.onnx.BundledEncoder;
import dev.ayo4j.engine.onnx.EncoderModel;
import dev.ayo4j.engine.onnx.EncoderOptions;
import dev.ayo4j.testkit.ManualTicker;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** Pools whose members are {@link EncoderServer}s on loopback: Arlo dispatch, dead and hung members, overload. */
class RemotePoolTest {
    /** The bundled encoder, loaded once for the class and closed after its last test. */
    @AutoClose
    private static final EncoderModel model = EncoderModel.bundled(BundledEncoder.ALL_MINILM_L6_V2,
            EncoderOptions.DEFAULTS);

    /** A server on its own one-member pool over the shared model. */
    private record Node(EncoderPool pool, EncoderServer server) implements AutoCloseable {
        static Node start() {
            EncoderPool pool = EncoderPool.builder("node").local(model).build();
            return new Node(pool, EncoderServer.start(pool, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                    EncoderServer.Options.DEFAULT));
        }

        @Override
        public void close() {
            server.close();
            pool.close();
        }
    }

    @Test
    void arloPoolOfServersMatchesTheModelAndAllocatesMembersToBins() {
        ManualTicker ticker = new ManualTicker();
        try (Node a = Node.start(); Node b = Node.start(); Node c = Node.start()) {
            EncoderPool pool = EncoderPool.builder("arlo").meter(model).remote(a.server().uri())
                    .remote(b.server().uri()).remote(c.server().uri()).policy("arlo", EncoderPolicyConfig.DEFAULT)
                    .binned(true).ticker(ticker).build();
            try {
                List<String> texts = PoolTexts.mixed(30);
                PoolTexts.assertSameVectors(pool.embed(texts, true), model.embed(texts));
                ticker.advance(Duration.ofSeconds(11));
                PoolTexts.assertSameVectors(pool.embed(texts, true), model.embed(texts));
                assertThat(pool.stats().membersPerBin().getLast()).isGreaterThanOrEqualTo(1);
                assertThat(pool.stats().membersPerBin().stream().mapToInt(Integer::intValue).sum()).isEqualTo(3);
            } finally {
                pool.close();
            }
        }
    }

    @Test
    void redispatchesTheWorkOfAServerThatDies() {
        try (Node a = Node.start(); Node b = Node.start()) {
            EncoderPool pool = EncoderPool.builder("dies").meter(model).remote(a.server().uri()).remote(b.server().uri())
                    .policy("fifo-token-budget", EncoderPolicyConfig.DEFAULT).build();
            try {
                List<String> texts = PoolTexts.mixed(60);
                List<CompletableFuture<List<float[]>>> futures = new ArrayList<>();
                for (int i = 0; i < texts.size(); i++) {
                    futures.add(pool.submit(List.of(texts.get(i)), true));
                    if (i == 5) {
                        a.close(); // dies with work in flight or queued for it
                    }
                }
                List<float[]> got = new ArrayList<>();
                futures.forEach(f -> got.add(f.join().getFirst()));
                PoolTexts.assertSameVectors(got, model.embed(texts));
                assertThat(pool.stats().live()).isEqualTo(1);
            } finally {
                pool.close();
            }
        }
    }

    @Test
    void redispatchesTheWorkOfAServerThatHangs() {
        try (PoolTexts.StalledServer hung = new PoolTexts.StalledServer(); Node b = Node.start()) {
            // Only the hung member times out: the healthy one gets a minute, so a slow machine cannot make it
            // fail too and use up the texts' attempts.
            EncoderPool pool = EncoderPool.builder("hangs").meter(model).timeout(Duration.ofSeconds(2))
                    .remote(hung.uri()).timeout(Duration.ofMinutes(1)).remote(b.server().uri()).build();
            try {
                List<String> texts = PoolTexts.mixed(20);
                List<CompletableFuture<List<float[]>>> futures = new ArrayList<>();
                texts.forEach(t -> futures.add(pool.submit(List.of(t), true)));
                List<float[]> got = new ArrayList<>();
                futures.forEach(f -> got.add(f.join().getFirst()));
                PoolTexts.assertSameVectors(got, model.embed(texts));
            } finally {
                pool.close();
            }
        }
    }

    @Test
    void refusesTextsBeyondItsCapacityWithARetriableOverload() throws InterruptedException {
        try (PoolTexts.StalledServer hung = new PoolTexts.StalledServer()) {
            EncoderPool pool = EncoderPool.builder("full").meter(model).timeout(Duration.ofSeconds(2)).capacity(3)
                    .remote(hung.uri()).build();
            try {
                pool.submit(List.of("in flight"), true);
                hung.awaitReceived(1); // the member holds it
                pool.submit(List.of("a", "b", "c"), true);
                assertThatThrownBy(() -> pool.submit(List.of("one too many"), true))
                        .isInstanceOf(OverloadedException.class).isInstanceOf(dev.ayo4j.RetriableEngineException.class)
                        .hasMessageContaining("3 texts queued, 1 more asked, capacity 3");
            } finally {
                pool.close();
            }
        }
    }
}
