// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.encoders.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ayo4j.encoders.pool.EncoderPool;
import dev.ayo4j.encoders.pool.PoolTexts;
import dev.ayo4j.engine.onnx.BundledEncoder;
import dev.ayo4j.engine.onnx.EncoderModel;
import dev.ayo4j.engine.onnx.EncoderOptions;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The TEI and OpenAI protocols of {@link EncoderServer} on an ephemeral loopback port. */
class EncoderServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static EncoderModel model;
    private static EncoderPool pool;
    private static EncoderServer server;
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        model = EncoderModel.bundled(BundledEncoder.ALL_MINILM_L6_V2, EncoderOptions.DEFAULTS);
        pool = EncoderPool.builder("srv").local(model).build();
        server = EncoderServer.start(pool, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                EncoderServer.Options.DEFAULT);
    }

    @AfterAll
    static void stop() {
        server.close();
        pool.close();
        model.close();
    }

    private record Reply(int status, JsonNode body) {}

    private static Reply post(EncoderServer target, String path, byte[] body) throws Exception {
        HttpResponse<byte[]> r = CLIENT.send(HttpRequest.newBuilder(target.uri().resolve(path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        return new Reply(r.statusCode(), JSON.readTree(r.body()));
    }

    private static Reply post(String path, String json) throws Exception {
        return post(server, path, json.getBytes(StandardCharsets.UTF_8));
    }

    private static float[] floats(JsonNode row) {
        float[] v = new float[row.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) row.get(i).asDouble();
        }
        return v;
    }

    @Test
    void embedsOneTextOrManyAsTeiDoes() throws Exception {
        Reply one = post("/embed", "{\"inputs\": \"a cat sat\", \"normalize\": true, \"truncate\": true}");
        assertThat(one.status()).isEqualTo(200);
        assertThat(one.body()).hasSize(1);
        PoolTexts.assertSameVectors(List.of(floats(one.body().get(0))), model.embed(List.of("a cat sat")));
        Reply many = post("/embed", "{\"inputs\": [\"a\", \"\", \"dog ran home\"]}");
        assertThat(many.body()).hasSize(3);
        assertThat(many.body().get(2)).hasSize(384);
    }

    @Test
    void answersOpenAiEmbeddingsWithIndexesAndUsage() throws Exception {
        Reply r = post("/v1/embeddings", "{\"input\": [\"one\", \"two words\"], \"model\": \"all-minilm-l6-v2\"}");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body().path("object").asText()).isEqualTo("list");
        assertThat(r.body().path("data").get(1).path("index").asInt()).isEqualTo(1);
        assertThat(r.body().path("data").get(0).path("embedding")).hasSize(384);
        assertThat(r.body().path("usage").path("prompt_tokens").asInt()).isEqualTo(3 + 4);
        assertThat(r.body().path("model").asText()).isEqualTo("all-minilm-l6-v2");
    }

    @Test
    void reranksBestFirst() throws Exception {
        Reply r = post("/rerank", "{\"query\": \"cats on mats\", \"texts\": [\"the stock market fell\","
                + " \"a cat sat on the mat\"], \"return_text\": true}");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body().get(0).path("index").asInt()).isEqualTo(1);
        assertThat(r.body().get(0).path("text").asText()).isEqualTo("a cat sat on the mat");
        assertThat(r.body().get(0).path("score").asDouble()).isGreaterThan(r.body().get(1).path("score").asDouble());
    }

    @Test
    void reportsHealth() throws Exception {
        HttpResponse<String> r = CLIENT.send(HttpRequest.newBuilder(server.uri().resolve("/health")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(r.body()).path("live").asInt()).isEqualTo(1);
    }

    @Test
    void refusesBadInputWithJsonErrors() throws Exception {
        Reply tooLong = post("/embed", "{\"inputs\": \"" + PoolTexts.words(300, 1) + "\", \"truncate\": false}");
        assertThat(tooLong.status()).isEqualTo(413);
        assertThat(tooLong.body().path("error").asText()).contains("128-token window");
        Reply surrogate = post("/embed", "{\"inputs\": [\"ok\", \"bad \\ud800\"]}");
        assertThat(surrogate.status()).isEqualTo(422);
        assertThat(surrogate.body().path("error").asText()).contains("text 1").contains("surrogate");
        Reply binary = post(server, "/embed", new byte[] {'{', '"', 'i', '"', ':', '"', (byte) 0xff, (byte) 0xfe, '"', '}'});
        assertThat(binary.status()).isEqualTo(422);
        assertThat(binary.body().path("error").asText()).contains("not valid UTF-8 JSON");
        assertThat(post("/embed", "{\"inputs\": []}").status()).isEqualTo(422);
        assertThat(post("/embed", "{\"inputs\": \"x\", \"normalize\": false}").status()).isEqualTo(422);
        assertThat(post("/v1/embeddings", "{\"input\": [[101, 102]]}").body().path("error").asText())
                .contains("token-id inputs are not supported");
        assertThat(post("/nowhere", "{}").status()).isEqualTo(404);
        assertThat(post("/embed", "{\"inputs\": \"x\", \"truncate\": false}").body().isArray()).isTrue();
    }

    @Test
    void answers429WhenThePoolIsFull() throws Exception {
        try (PoolTexts.StalledServer hung = new PoolTexts.StalledServer()) {
            EncoderPool full = EncoderPool.builder("full").meter(model).capacity(1)
                    .timeout(java.time.Duration.ofSeconds(2)).remote(hung.uri()).build();
            EncoderServer front = EncoderServer.start(full, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                    EncoderServer.Options.DEFAULT);
            try {
                byte[] body = "{\"inputs\": \"x\"}".getBytes(StandardCharsets.UTF_8);
                CompletableFuture.runAsync(() -> quietly(front, body));
                while (hung.received() == 0) {
                    Thread.sleep(5); // until the member holds the first request
                }
                full.submit(List.of("queued"), true);
                Reply r = post(front, "/embed", body);
                assertThat(r.status()).isEqualTo(429);
                assertThat(r.body().path("error_type").asText()).isEqualTo("Overloaded");
            } finally {
                front.close();
                full.close();
            }
        }
    }

    private static void quietly(EncoderServer target, byte[] body) {
        try {
            post(target, "/embed", body);
        } catch (Exception e) {
            // the stalled request ends with the test
        }
    }

    /** 10,000 texts got "429 overloaded, retry later", which could never succeed. */
    @Test
    void refusesMoreTextsThanOneRequestMayCarryWith413NamingTheLimit() throws Exception {
        String texts = String.join(",", java.util.Collections.nCopies(10_000, "\"x\""));
        Reply r = post("/embed", "{\"inputs\": [" + texts + "]}");
        assertThat(r.status()).isEqualTo(413);
        assertThat(r.body().path("error").asText()).contains("10000 texts in one request")
                .contains("at most 256 per request");
        Reply rerank = post("/rerank", "{\"query\": \"q\", \"texts\": [" + texts + "]}");
        assertThat(rerank.status()).isEqualTo(413);
    }

    /** A request given up by the server no longer holds the queue: its texts are not sent on. */
    @Test
    @org.junit.jupiter.api.Timeout(30)
    void aRequestThatTimesOutLeavesTheQueue() throws Exception {
        try (PoolTexts.StalledServer hung = new PoolTexts.StalledServer()) {
            EncoderPool slow = EncoderPool.builder("slow").meter(model).timeout(java.time.Duration.ofSeconds(1))
                    .remote(hung.uri()).build();
            EncoderServer front = EncoderServer.start(slow, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                    EncoderServer.Options.DEFAULT.withRequestTimeout(java.time.Duration.ofMillis(300)));
            try {
                byte[] body = "{\"inputs\": [\"a\", \"b\"]}".getBytes(StandardCharsets.UTF_8);
                Reply r = post(front, "/embed", body);
                assertThat(r.status()).isEqualTo(503);
                assertThat(r.body().path("error").asText()).contains("not served within PT0.3S")
                        .contains("taken off the queue");
                Thread.sleep(3_000); // the stalled batch fails after 1 s; a live request's texts would be sent again
                assertThat(slow.stats().batches()).as("batches dispatched").isEqualTo(1);
                assertThat(slow.stats().queued()).isZero();
            } finally {
                front.close();
                slow.close();
            }
        }
    }

    @Test
    void withKeysEveryEndpointButHealthNeedsABearerKey() throws Exception {
        String key = "k".repeat(32);
        EncoderServer locked = EncoderServer.start(pool, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                EncoderServer.Options.DEFAULT.withApiKeys(ApiKeys.of(List.of(key))));
        try {
            byte[] body = "{\"inputs\": \"x\"}".getBytes(StandardCharsets.UTF_8);
            Reply anonymous = post(locked, "/embed", body);
            assertThat(anonymous.status()).isEqualTo(401);
            assertThat(anonymous.body().path("error").asText()).contains("Authorization: Bearer");
            HttpResponse<byte[]> ok = CLIENT.send(HttpRequest.newBuilder(locked.uri().resolve("/embed"))
                    .header("Authorization", "Bearer " + key).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(CLIENT.send(HttpRequest.newBuilder(locked.uri().resolve("/health")).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(200);
        } finally {
            locked.close();
        }
    }
}
