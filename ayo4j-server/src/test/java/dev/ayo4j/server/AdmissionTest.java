// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.server;

import dev.ayo4j.encoders.server.ApiKeys;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Admission, cancellation, readiness and shutdown of the server, on a service whose runs the test ends. */
class AdmissionTest {
    private static final String RUN = "{\"model\": \"slow\", \"messages\": [{\"role\": \"user\", \"content\": \"q\"}]}";

    private final HttpClient http = HttpClient.newHttpClient();
    private final TestingAppService service = new TestingAppService();
    private Ayo4jServer server;

    private Ayo4jServer start(Limits limits, Duration grace) throws InterruptedException {
        server = Ayo4jServer.builder().port(0).limits(limits).grace(grace).service(() -> service).build().start();
        await(server::isReady);
        return server;
    }

    @AfterEach
    void stop() {
        service.finishAll();
        if (server != null) {
            server.close();
        }
    }

    private CompletableFuture<HttpResponse<String>> chat(URI uri) {
        return http.sendAsync(HttpRequest.newBuilder(uri.resolve("/v1/chat/completions"))
                .POST(HttpRequest.BodyPublishers.ofString(RUN)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void runsBeyondCapacityGet429WithRetryAfterAndAreNeverQueued() throws Exception {
        start(Limits.DEFAULT.withMaxConcurrentRuns(2), Duration.ofSeconds(1));
        var first = chat(server.uri());
        var second = chat(server.uri());
        await(() -> service.started.get() == 2);

        HttpResponse<String> third = chat(server.uri()).get(5, TimeUnit.SECONDS);
        assertThat(third.statusCode()).isEqualTo(429);
        assertThat(third.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(third.body()).contains("\"rate_limit_error\"");
        assertThat(service.started).hasValue(2);

        service.finishAll();
        assertThat(first.get(5, TimeUnit.SECONDS).statusCode()).isEqualTo(504);
        assertThat(second.get(5, TimeUnit.SECONDS).statusCode()).isEqualTo(504);
        var fourth = chat(server.uri());
        await(() -> service.started.get() == 3);
        service.finishAll();
        assertThat(fourth.get(5, TimeUnit.SECONDS).statusCode()).isEqualTo(504);
    }

    @Test
    void aClientThatDisconnectsMidStreamCancelsItsRun() throws Exception {
        start(Limits.DEFAULT, Duration.ofSeconds(1));
        String body = RUN.replace("{\"model\"", "{\"stream\": true, \"model\"");
        try (Socket socket = new Socket(server.uri().getHost(), server.port())) {
            socket.getOutputStream().write(("POST /v1/chat/completions HTTP/1.1\r\nHost: localhost\r\n"
                    + "Content-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n" + body)
                    .getBytes(StandardCharsets.UTF_8));
            String head = new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
            assertThat(head).isEqualTo("HTTP/1.1 200");
            await(() -> service.started.get() == 1);
            // Read what has arrived so that the close is an orderly one (FIN); the tests below reset instead.
            socket.getInputStream().readNBytes(socket.getInputStream().available());
        }
        await(() -> service.cancelled.get() == 1);
        assertThat(service.started).hasValue(1);
    }

    @Test
    void aClientThatResetsItsStreamMidStreamCancelsItsRunAndItsPrimitiveLeavesTheQueue() throws Exception {
        start(Limits.DEFAULT, Duration.ofSeconds(1));
        try (Socket socket = streamingRequest()) {
            String head = readUntil(socket, "data:");
            assertThat(head).startsWith("HTTP/1.1 200");
            assertThat(service.queued).hasSize(1);
            reset(socket);
        }
        assertCancelledAndDequeued();
    }

    @Test
    void aClientThatResetsItsStreamBeforeItBeginsCancelsItsRunAndItsPrimitiveLeavesTheQueue() throws Exception {
        start(Limits.DEFAULT, Duration.ofSeconds(1));
        CountDownLatch hold = new CountDownLatch(1);
        service.holdStart = hold; // the run starts, and the server writes nothing until the test lets it
        try (Socket socket = streamingRequest()) {
            await(() -> service.started.get() == 1);
            assertThat(service.queued).hasSize(1);
            reset(socket);
        }
        hold.countDown(); // the stream's first write (its headers) now meets the reset
        assertCancelledAndDequeued();
    }

    private Socket streamingRequest() throws java.io.IOException {
        String body = RUN.replace("{\"model\"", "{\"stream\": true, \"model\"");
        Socket socket = new Socket(server.uri().getHost(), server.port());
        socket.getOutputStream().write(("POST /v1/chat/completions HTTP/1.1\r\nHost: localhost\r\n"
                + "Content-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n" + body)
                .getBytes(StandardCharsets.UTF_8));
        return socket;
    }

    /** What the socket reads until {@code marker} has arrived. */
    private static String readUntil(Socket socket, String marker) throws java.io.IOException {
        StringBuilder sb = new StringBuilder();
        while (!sb.toString().contains(marker)) {
            int b = socket.getInputStream().read();
            if (b < 0) {
                throw new AssertionError("the stream ended before " + marker + ": " + sb);
            }
            sb.append((char) b);
        }
        return sb.toString();
    }

    /**
     * Closes with linger 0, so that the close sends a reset (RST) at once, as a client that closes with part of
     * the stream unread does, instead of an orderly end of stream (FIN).
     */
    private static void reset(Socket socket) throws java.io.IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }

    private void assertCancelledAndDequeued() throws InterruptedException {
        await(() -> service.cancelled.get() == 1);
        assertThat(service.queued).isEmpty();
        await(() -> server.activeRuns() == 0);
        assertThat(service.started).hasValue(1);
    }

    @Test
    void aClientThatDisconnectsFromAPlainRequestCancelsItsRunAndItsPrimitiveLeavesTheQueue() throws Exception {
        start(Limits.DEFAULT, Duration.ofSeconds(1));
        for (String path : List.of("/v1/chat/completions", "/v1/apps/slow/runs")) {
            String body = path.endsWith("runs") ? "{\"question\": \"q\"}" : RUN;
            int before = service.started.get();
            try (Socket socket = new Socket(server.uri().getHost(), server.port())) {
                socket.getOutputStream().write(("POST " + path + " HTTP/1.1\r\nHost: localhost\r\n"
                        + "Content-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n" + body)
                        .getBytes(StandardCharsets.UTF_8));
                await(() -> service.started.get() == before + 1);
                assertThat(service.queued).as(path).hasSize(1);
            }
            await(() -> service.cancelled.get() == before + 1);
            assertThat(service.queued).as(path).isEmpty();
            await(() -> server.activeRuns() == 0);
        }
        // The server keeps answering plain requests, one after the other on the same connection.
        try (Socket socket = new Socket(server.uri().getHost(), server.port())) {
            for (int i = 1; i <= 2; i++) {
                int n = 2 + i;
                socket.getOutputStream().write(("POST /v1/chat/completions HTTP/1.1\r\nHost: localhost\r\n"
                        + "Content-Type: application/json\r\nContent-Length: " + RUN.length() + "\r\n\r\n" + RUN)
                        .getBytes(StandardCharsets.UTF_8));
                await(() -> service.started.get() == n);
                service.finishAll();
                String response = readUntil(socket, "}}");
                assertThat(response).startsWith("HTTP/1.1 504").doesNotContainIgnoringCase("connection: close")
                        .contains("\"timeout\"");
            }
        }
        assertThat(service.cancelled).hasValue(2);
    }

    @Test
    void closingFinishesInFlightRunsWithinTheGraceCancelsTheRestAndClosesTheService() throws Exception {
        start(Limits.DEFAULT, Duration.ofMillis(300));
        var inFlight = chat(server.uri());
        await(() -> service.started.get() == 1);
        URI uri = server.uri();
        Thread closer = Thread.ofVirtual().start(server::close);
        await(() -> !server.isReady());
        HttpResponse<String> late = chat(uri).get(5, TimeUnit.SECONDS);
        assertThat(late.statusCode()).isEqualTo(503);
        closer.join(5_000);
        assertThat(service.cancelled).hasValue(1);
        assertThat(service.closed).isTrue();
        assertThat(service.started).hasValue(1);
        assertThat(inFlight.handle((res, t) -> t != null || res.statusCode() >= 500).get(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void theServerIsLiveAtOnceAndReadyOnceTheServiceHasOpened() throws Exception {
        CountDownLatch open = new CountDownLatch(1);
        server = Ayo4jServer.builder().port(0).service(() -> {
            try {
                open.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return service;
        }).build().start();
        assertThat(get("/health").statusCode()).isEqualTo(200);
        assertThat(get("/ready").statusCode()).isEqualTo(503);
        HttpResponse<String> early = chat(server.uri()).get(5, TimeUnit.SECONDS);
        assertThat(early.statusCode()).isEqualTo(503);
        assertThat(early.headers().firstValue("Retry-After")).isPresent();
        open.countDown();
        await(server::isReady);
        assertThat(get("/ready").statusCode()).isEqualTo(200);
    }

    @Test
    void jsonAnswersCarryTheServersOwnTimeInServerTiming() throws Exception {
        start(Limits.DEFAULT, Duration.ofSeconds(1));
        HttpResponse<String> health = get("/health");
        assertThat(health.headers().firstValue("Server-Timing")).hasValueSatisfying(v ->
                assertThat(v).matches("app;dur=\\d+\\.\\d+"));
    }

    @Test
    void aNonLoopbackAddressWithoutKeysIsRefusedUnlessInsecure() {
        assertThatThrownBy(() -> Ayo4jServer.builder().host("0.0.0.0").service(() -> service).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("without API keys");
        Ayo4jServer.builder().host("0.0.0.0").insecure(true).service(() -> service).build();
        Ayo4jServer.builder().host("0.0.0.0").apiKeys(ApiKeys.of(List.of("key-0123456789abcdef"))).service(() -> service).build();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(server.uri().resolve(path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > until) {
                throw new AssertionError("condition not met within 10 s");
            }
            Thread.sleep(10);
        }
    }
}
