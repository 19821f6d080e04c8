// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.cli.encoder;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ayo4j.encoders.pool.EncoderPool;
import dev.ayo4j.encoders.server.EncoderServer;
import dev.ayo4j.engine.onnx.BundledEncoder;
import dev.ayo4j.engine.onnx.EncoderModel;
import dev.ayo4j.engine.onnx.EncoderOptions;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** {@code GET /metrics} of {@code serve encoder} after real embeddings on the bundled encoder. */
class EncoderMetricsTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** The bundled encoder, loaded once for the class and closed after its last test. */
    @AutoClose
    private static final EncoderModel model = EncoderModel.bundled(BundledEncoder.ALL_MINILM_L6_V2,
            EncoderOptions.DEFAULTS);

    @Test
    void metricsShowUsefulAndPaddedTokensAfterEmbedding() throws Exception {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try (EncoderPool pool = EncoderPool.builder("metrics").local(model).build();
             EncoderServer server = EncoderServer.start(pool, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                     EncoderServer.Options.DEFAULT, registry::scrape, EncoderPoolMeters.http(registry))) {
            EncoderPoolMeters.bind(pool, registry);
            HttpResponse<String> embed = HTTP.send(HttpRequest.newBuilder(server.uri().resolve("/embed"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                            "{\"inputs\": [\"a short text\", \"a much longer text that pads the short one in its batch\"]}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(embed.statusCode()).isEqualTo(200);
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(server.uri().resolve("/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain; version=0.0.4");
            double useful = value(r.body(), "ayo4j_encoder_tokens_total\\{ayo4j_encoder=\"all-minilm-l6-v2\",type=\"useful\"\\}");
            double padded = value(r.body(), "ayo4j_encoder_tokens_total\\{ayo4j_encoder=\"all-minilm-l6-v2\",type=\"padded\"\\}");
            assertThat(useful).isPositive();
            assertThat(padded).isGreaterThanOrEqualTo(useful);
            assertThat(value(r.body(), "ayo4j_encoder_batches_total\\{ayo4j_encoder=\"all-minilm-l6-v2\"\\}")).isPositive();
            assertThat(r.body()).contains("ayo4j_encoder_members_live{ayo4j_encoder=\"all-minilm-l6-v2\"} 1.0");
            assertThat(value(r.body(), "ayo4j_encoder_reallocations_total\\{ayo4j_encoder=\"all-minilm-l6-v2\"\\}"))
                    .as("one shared bin: nothing to re-allocate").isZero();
            assertThat(value(r.body(), "ayo4j_encoder_bin_moves_total\\{ayo4j_encoder=\"all-minilm-l6-v2\"\\}")).isZero();
            HTTP.send(HttpRequest.newBuilder(server.uri().resolve("/no-such-path")).build(),
                    HttpResponse.BodyHandlers.ofString());
            // A request is timed once its exchange closes, which can be after its client has read the answer.
            String after = scrapeUntil(server.uri().resolve("/metrics"),
                    text -> text.contains("uri=\"other\"") && text.contains("uri=\"/embed\"") && text.contains("uri=\"/metrics\""));
            assertThat(value(after, "http_server_requests_seconds_count\\{method=\"POST\",status=\"200\",uri=\"/embed\"\\}"))
                    .isEqualTo(1);
            assertThat(value(after, "http_server_requests_seconds_count\\{method=\"GET\",status=\"200\",uri=\"/metrics\"\\}"))
                    .as("the first scrape, and any the wait above made").isGreaterThanOrEqualTo(1);
            assertThat(value(after, "http_server_requests_seconds_count\\{method=\"GET\",status=\"404\",uri=\"other\"\\}"))
                    .as("an unknown path is no label of its own").isEqualTo(1);
            assertThat(after).doesNotContain("no-such-path");
        }
    }

    @Test
    void binnedPoolCountsItsReallocations() throws Exception {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        java.util.concurrent.atomic.AtomicLong now = new java.util.concurrent.atomic.AtomicLong();
        try (EncoderPool pool = EncoderPool.builder("binned").local(model).local(model).local(model)
                .policy("arlo", dev.ayo4j.encoders.policies.EncoderPolicyConfig.DEFAULT).binned(true)
                .period(java.time.Duration.ofSeconds(10)).ticker(now::get).build()) {
            EncoderPoolMeters.bind(pool, registry);
            java.util.List<String> texts = new java.util.ArrayList<>();
            for (int i = 0; i < 40; i++) {
                texts.add(i % 10 == 9 ? "a long text about bins ".repeat(30) + i : "short text " + i);
            }
            pool.embed(texts, true);
            assertThat(value(registry.scrape(), "ayo4j_encoder_reallocations_total\\{ayo4j_encoder=\"all-minilm-l6-v2\"\\}")).isZero();
            now.addAndGet(java.time.Duration.ofSeconds(11).toNanos());
            pool.embed(texts, true);
            String text = registry.scrape();
            assertThat(value(text, "ayo4j_encoder_reallocations_total\\{ayo4j_encoder=\"all-minilm-l6-v2\"\\}")).isEqualTo(1);
            assertThat(value(text, "ayo4j_encoder_bin_moves_total\\{ayo4j_encoder=\"all-minilm-l6-v2\"\\}")).isPositive();
        }
    }

    @Test
    void serverWithoutMetricsAnswers404() throws Exception {
        try (EncoderPool pool = EncoderPool.builder("plain").local(model).build();
             EncoderServer server = EncoderServer.start(pool, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                     EncoderServer.Options.DEFAULT)) {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(server.uri().resolve("/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(404);
        }
    }

    /** The scrape at {@code metrics} once {@code done} holds of it; fails after a guard of 10 s. */
    private static String scrapeUntil(java.net.URI metrics, java.util.function.Predicate<String> done) throws Exception {
        long guard = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        while (true) {
            String text = HTTP.send(HttpRequest.newBuilder(metrics).build(), HttpResponse.BodyHandlers.ofString()).body();
            if (done.test(text) || System.nanoTime() > guard) {
                return text;
            }
            Thread.sleep(20);
        }
    }

    private static double value(String text, String series) {
        Matcher m = Pattern.compile("(?m)^" + series + " (\\S+)$").matcher(text);
        assertThat(m.find()).as(series + " in\n" + text).isTrue();
        return Double.parseDouble(m.group(1));
    }
}
