// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.encoders.pool;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.ayo4j.testkit.TestingGate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;

/** Test texts, vector checks and a loopback server that never answers, shared by the pool and server tests. */
public final class PoolTexts {
    private PoolTexts() {}

    /** {@code n} words, each a single word piece in the BERT vocabulary. */
    public static String words(int n, int salt) {
        String[] vocab = {"the", "cat", "sat", "on", "a", "mat", "and", "dog", "ran", "home", "red", "blue"};
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append(i > 0 ? " " : "").append(vocab[(i * 7 + i / 3 + salt) % vocab.length]);
        }
        return sb.toString();
    }

    /** A skewed mix: mostly short texts, some medium, a few over a 128-token window. */
    public static List<String> mixed(int count) {
        List<String> texts = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            texts.add(words(i % 10 == 9 ? 150 : i % 5 == 4 ? 60 : 4 + i % 17, i));
        }
        return texts;
    }

    public static void assertSameVectors(List<float[]> actual, List<float[]> expected) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < actual.size(); i++) {
            assertThat(actual.get(i)).as("vector %s", i).hasSameSizeAs(expected.get(i));
            for (int d = 0; d < actual.get(i).length; d++) {
                assertThat(Math.abs(actual.get(i)[d] - expected.get(i)[d])).as("vector %s dim %s", i, d)
                        .isLessThan(1e-4f);
            }
        }
    }

    /** A loopback server that accepts every request and never answers until closed: a hung remote encoder. */
    public static final class StalledServer implements AutoCloseable {
        /** How long {@link #awaitReceived} waits at most: a guard against a hung test, not a timing assertion. */
        private static final Duration GUARD = Duration.ofMinutes(2);

        private final HttpServer server;
        private final TestingGate gate = new TestingGate();

        public StalledServer() {
            try {
                server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.createContext("/", ex -> {
                gate.pass();
                ex.close();
            });
            server.start();
        }

        /** Requests received so far. */
        public int received() {
            return gate.arrivals();
        }

        /** Blocks until {@code n} requests have arrived; fails if they do not within the guard. */
        public void awaitReceived(int n) throws InterruptedException {
            assertThat(gate.awaitArrivals(n, GUARD)).as("%s requests received", n).isTrue();
        }

        public URI uri() {
            return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        }

        @Override
        public void close() {
            gate.release();
            server.stop(0);
        }
    }
}
