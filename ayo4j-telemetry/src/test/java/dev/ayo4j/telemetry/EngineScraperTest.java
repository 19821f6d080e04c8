// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.telemetry;

import static dev.ayo4j.telemetry.Fixtures.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class EngineScraperTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void reexportsVllmQueueCacheAndTokenSeriesWithoutBuckets() throws IOException {
        EngineScraper scraper = new EngineScraper(URI.create("http://10.0.0.7:8000"), HTTP);
        assertThat(scraper.url()).hasToString("http://10.0.0.7:8000/metrics");
        List<Sample> s = scraper.reexport(PrometheusText.parse(fixture("vllm-metrics.txt")).samples());
        String model = "Qwen/Qwen2.5-7B-Instruct";
        assertThat(value(s, "vllm:num_requests_waiting", "model_name", model, "instance", "10.0.0.7:8000")).isEqualTo(2);
        assertThat(value(s, "vllm:num_requests_running", "engine", "0")).isEqualTo(4);
        assertThat(value(s, "vllm:kv_cache_usage_perc")).isEqualTo(0.3125);
        assertThat(value(s, "vllm:prompt_tokens_total")).isEqualTo(1.263648e6);
        assertThat(value(s, "vllm:request_success_total", "finished_reason", "length")).isEqualTo(12);
        assertThat(value(s, "vllm:time_to_first_token_seconds_count")).isEqualTo(322);
        assertThat(s).filteredOn(x -> x.metric().equals("vllm:prefix_cache_hits_total")).singleElement()
                .satisfies(x -> assertThat(x.type()).isEqualTo(Sample.Type.COUNTER));
        assertThat(s).noneMatch(x -> x.metric().endsWith("_bucket")).noneMatch(x -> x.metric().endsWith("_created"))
                .noneMatch(x -> x.metric().startsWith("python_"));
    }

    @Test
    void reexportsTeiSeriesAndLeavesOutQuantiles() throws IOException {
        EngineScraper scraper = new EngineScraper(URI.create("http://127.0.0.1:3000/metrics"), HTTP);
        PrometheusText.Parsed parsed = PrometheusText.parse(fixture("tei-metrics.txt"));
        assertThat(parsed.skipped()).isZero();
        List<Sample> s = scraper.reexport(parsed.samples());
        assertThat(value(s, "te_queue_size")).isEqualTo(7);
        assertThat(value(s, "te_batch_current_size")).isEqualTo(12);
        assertThat(value(s, "te_request_count", "method", "batch")).isEqualTo(96);
        assertThat(value(s, "te_embed_duration_count")).isEqualTo(4310);
        assertThat(s).filteredOn(x -> x.metric().equals("te_request_count")).allMatch(x -> x.type() == Sample.Type.COUNTER);
        assertThat(s).noneMatch(x -> x.labels().containsKey("quantile")).noneMatch(x -> x.metric().endsWith("_bucket"));
    }

    @Test
    void parsesEscapedLabelsAndSkipsBrokenLines() {
        PrometheusText.Parsed p = PrometheusText.parse("""
                # TYPE sglang:num_queue_reqs gauge
                sglang:num_queue_reqs{model_name="a \\"b\\"\\\\c",tp_rank="0"} 3
                sglang:broken{x="1" 2
                llamacpp:requests_processing 1 1700000000000
                """);
        assertThat(p.skipped()).isEqualTo(1);
        assertThat(p.samples()).hasSize(2);
        assertThat(p.samples().getFirst().label("model_name")).isEqualTo("a \"b\"\\c");
        assertThat(p.samples().get(1).value()).isEqualTo(1);
    }

    @Test
    void scrapesAnEngineOverLoopbackAndSaysWhenItIsDown() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        byte[] body = fixture("tei-metrics.txt").getBytes(StandardCharsets.UTF_8);
        server.createContext("/metrics", ex -> {
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.start();
        URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/metrics");
        try {
            EngineScraper scraper = new EngineScraper(url, HTTP);
            assertThat(value(scraper.collect(), "te_queue_size", "instance", "127.0.0.1:" + server.getAddress().getPort()))
                    .isEqualTo(7);
            assertThat(scraper.status()).isNull();
        } finally {
            server.stop(0);
        }
        EngineScraper down = new EngineScraper(url, HTTP);
        assertThat(down.collect()).isEmpty();
        assertThat(down.status()).startsWith("cannot scrape " + url);
        assertThatThrownBy(() -> new EngineScraper(URI.create("localhost:8000"), HTTP))
                .hasMessageContaining("scheme and a host");
    }

    static String fixture(String name) throws IOException {
        try (InputStream in = EngineScraperTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
