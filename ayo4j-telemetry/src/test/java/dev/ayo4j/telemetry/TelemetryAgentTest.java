// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ayo4j.observability.files.Limits;
import dev.ayo4j.observability.files.TraceFiles;
import dev.ayo4j.spi.Ticker;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TelemetryAgentTest {
    @TempDir
    Path dir;

    @Test
    void servesTelemetryAndEngineSeriesInOneScrapeUnderTheirOwnNames() throws Exception {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Path proc = Fixtures.dir("proc-multi-nic");
        String tei = EngineScraperTest.fixture("tei-metrics.txt");
        String vllm = EngineScraperTest.fixture("vllm-metrics.txt");
        EngineScraper scraper = new EngineScraper(java.net.URI.create("http://10.0.0.7:8000"), HttpClient.newHttpClient());
        Collector engines = new Collector() {
            @Override
            public String source() {
                return "scrape";
            }

            @Override
            public List<Sample> collect() {
                List<Sample> all = new java.util.ArrayList<>(scraper.reexport(PrometheusText.parse(vllm).samples()));
                all.addAll(scraper.reexport(PrometheusText.parse(tei).samples()));
                return all;
            }
        };
        try (TelemetryAgent agent = TelemetryAgent.start(registry, List.of(new ProcCollector(proc), engines),
                Duration.ofSeconds(60), Ticker.systemTicker());
             MetricsServer server = MetricsServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                     registry::scrape)) {
            assertThat(agent.problems()).isEmpty();
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(server.uri()).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type")).hasValue(MetricsServer.CONTENT_TYPE);
            assertThat(r.body())
                    .contains("node_cpu_seconds_total{cpu=\"0\",mode=\"user\"} 13.93")
                    .contains("node_network_receive_bytes_total{device=\"eth1\"} 1.2884901888E10")
                    .contains("node_memory_MemTotal_bytes 6.7432579072E10")
                    .contains("vllm:num_requests_waiting{engine=\"0\",instance=\"10.0.0.7:8000\",model_name=\"Qwen/Qwen2.5-7B-Instruct\"} 2.0")
                    .contains("vllm:prompt_tokens_total{")
                    .contains("te_queue_size{instance=\"10.0.0.7:8000\"} 7.0")
                    .contains("te_request_count{instance=\"10.0.0.7:8000\",method=\"batch\"} 96.0");
            HttpResponse<String> missing = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    server.uri().resolve("/other")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(missing.statusCode()).isEqualTo(404);
        }
    }

    @Test
    void samplesThisMachineIntoTraceFiles() throws Exception {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try (TraceFiles files = TraceFiles.open(dir, Limits.DEFAULT)) {
            try (TelemetryAgent agent = TelemetryAgent.start(registry, TelemetryAgent.Options.DEFAULT
                    .withInterval(Duration.ofMillis(50)))) {
                agent.writeTo(files);
                Thread.sleep(300);
                assertThat(agent.latest().of("node_cpu_seconds_total")).isNotEmpty();
                assertThat(agent.problems()).as("only the GPU may be missing here")
                        .allMatch(p -> p.startsWith("no GPU metrics") || p.startsWith("NVML"));
            }
        }
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
             ResultSet r = db.createStatement().executeQuery("SELECT count(DISTINCT ts), count(*) FILTER (WHERE source "
                     + "= 'proc' AND metric = 'node_cpu_seconds_total' AND labels LIKE 'cpu=%,mode=user'), "
                     + "count(*) FILTER (WHERE source = 'cgroup') FROM read_parquet('" + dir + "/samples-*.parquet')")) {
            r.next();
            assertThat(r.getInt(1)).as("rounds written").isGreaterThanOrEqualTo(2);
            assertThat(r.getInt(2)).isPositive();
        }
    }
}
