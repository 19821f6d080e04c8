// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.cli.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.ayo4j.cli.Ayo4jCli;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class TelemetryCommandTest {
    @Test
    void printsALineOfCpuMemoryAndNetworkEveryInterval() {
        PrintStream stdout = System.out;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        int code;
        try {
            System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
            code = Ayo4jCli.run("telemetry", "--interval", "100ms", "--count", "3", "--no-gpu");
        } finally {
            System.setOut(stdout);
        }
        assertThat(code).isZero();
        List<String> lines = buffer.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(3).allMatch(l -> l.matches("\\d\\d:\\d\\d:\\d\\d cpu \\d+\\.\\d% \\(user .*\\) mem "
                + "\\d+\\.\\d/\\d+\\.\\d GiB.* proc \\d+\\.\\d% \\d+ MiB"));
    }

    /**
     * The engines of an engine file are scraped: an OpenAI-compatible engine at {@code /metrics} of its
     * base URL's server (a loopback server answering with a recorded vLLM {@code /metrics} text), and not an
     * engine whose {@code metrics} field says {@code none}; the scraped series reach the sample files.
     */
    @Test
    void scrapesTheRemoteEnginesOfAnEngineFile(@TempDir Path dir) throws Exception {
        byte[] vllm;
        try (InputStream in = TelemetryCommandTest.class.getResourceAsStream("vllm-metrics.txt")) {
            vllm = in.readAllBytes();
        }
        AtomicInteger scrapes = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", ex -> {
            try (ex) {
                if (!ex.getRequestURI().getPath().equals("/metrics")) {
                    ex.sendResponseHeaders(404, -1);
                    return;
                }
                scrapes.incrementAndGet();
                ex.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4");
                ex.sendResponseHeaders(200, vllm.length);
                ex.getResponseBody().write(vllm);
            }
        });
        server.start();
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        Path engines = Files.writeString(dir.resolve("engines.yaml"), """
                engines:
                  - name: llm
                    provider: openai
                    roles: [llm]
                    options: {baseUrl: "%s/v1", model: qwen}
                  - name: embedder
                    provider: tei
                    roles: [embedder]
                    options: {baseUrl: "http://127.0.0.1:1", role: embed}
                    metrics: none
                """.formatted(base));
        Path out = dir.resolve("samples");
        PrintStream stdout = System.out;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        int code;
        try {
            System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
            code = Ayo4jCli.run("telemetry", "--engines", engines.toString(), "--interval", "100ms", "--count", "2",
                    "--no-gpu", "--out", out.toString());
        } finally {
            System.setOut(stdout);
            server.stop(0);
        }

        assertThat(code).isZero();
        assertThat(buffer.toString(StandardCharsets.UTF_8)).contains("scraping engine llm at " + base + "/metrics")
                .doesNotContain("scraping engine embedder");
        assertThat(scrapes.get()).isPositive();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
             ResultSet r = c.createStatement().executeQuery("SELECT DISTINCT value FROM read_parquet('"
                     + out.resolve("samples-*.parquet") + "') WHERE source = 'scrape' AND metric = "
                     + "'vllm:num_requests_waiting' AND labels LIKE '%instance=127.0.0.1:"
                     + server.getAddress().getPort() + "%'")) {
            assertThat(r.next()).as("a scraped vLLM sample").isTrue();
            assertThat(r.getDouble(1)).isEqualTo(2.0);
        }
    }

    @Test
    void readsShortAndIsoIntervals() {
        IntervalConverter c = new IntervalConverter();
        assertThat(c.convert("100ms")).isEqualTo(Duration.ofMillis(100));
        assertThat(c.convert("1s")).isEqualTo(Duration.ofSeconds(1));
        assertThat(c.convert("1.5s")).isEqualTo(Duration.ofMillis(1500));
        assertThat(c.convert("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(c.convert("PT0.25S")).isEqualTo(Duration.ofMillis(250));
        assertThatThrownBy(() -> c.convert("soon")).isInstanceOf(CommandLine.TypeConversionException.class)
                .hasMessageContaining("'soon' is not an interval");
    }
}
