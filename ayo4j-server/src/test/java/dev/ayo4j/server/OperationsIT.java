// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What an operator and the console's operations view read, on the real embedded engines: a run without the
 * optimization passes, the list of recent runs, the engines' schedulers, the latency and host figures, and
 * the analytics reports of the reports folder.
 */
class OperationsIT extends EmbeddedServerIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String QUESTION = "{\"question\": \"How are vectors stored?\"%s}";

    private static JsonNode run(String extra) throws Exception {
        HttpResponse<String> r = s.post("/v1/apps/advanced-rag/runs", QUESTION.formatted(extra));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private static JsonNode get(String path) throws Exception {
        HttpResponse<String> r = s.get(path);
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    @Test
    void anUnoptimizedRunRunsTheLoweredGraphAndAnswersTheSame() throws Exception {
        JsonNode optimized = run("");
        JsonNode plain = run(", \"optimize\": false");
        assertThat(optimized.get("optimized").asBoolean()).isTrue();
        assertThat(plain.get("optimized").asBoolean()).isFalse();
        assertThat(plain.get("answer").asText()).isEqualTo(optimized.get("answer").asText())
                .isEqualTo(EmbeddedServer.ANSWER);
        List<String> plainNodes = nodes(plain.get("id").asText());
        List<String> optimizedNodes = nodes(optimized.get("id").asText());
        // The lowered graph has one expansion decode; decode pipelining splits it into one per list item.
        assertThat(plainNodes).contains("expand.decode").noneMatch(n -> n.startsWith("expand.decode["));
        assertThat(optimizedNodes).contains("expand.decode[0]").doesNotContain("expand.decode");
        assertThat(get("/v1/runs/" + plain.get("id").asText()).get("optimized").asBoolean()).isFalse();
        assertThat(s.post("/v1/apps/advanced-rag/runs", QUESTION.formatted(", \"optimize\": \"no\"")).body())
                .contains("'optimize' must be true or false");
    }

    @Test
    void theRecentRunsAreListedNewestFirstWithTheirTimings() throws Exception {
        String first = run("").get("id").asText();
        String second = run(", \"optimize\": false").get("id").asText();
        JsonNode list = get("/v1/runs?limit=2").get("data");
        assertThat(list).hasSize(2);
        assertThat(list.get(0).get("id").asText()).isEqualTo(second);
        assertThat(list.get(1).get("id").asText()).isEqualTo(first);
        JsonNode r = list.get(0);
        assertThat(r.get("status").asText()).isEqualTo("succeeded");
        assertThat(r.get("optimized").asBoolean()).isFalse();
        assertThat(r.get("end_to_end_ms").asDouble()).isGreaterThanOrEqualTo(r.get("critical_path_ms").asDouble())
                .isPositive();
        assertThat(r.get("critical_path_ratio").asDouble()).isGreaterThanOrEqualTo(1.0);
        assertThat(r.get("created").asText()).endsWith("Z");
        assertThat(get("/v1/runs").get("data").size()).isGreaterThanOrEqualTo(2);
        for (String bad : List.of("0", "abc", "100000")) {
            HttpResponse<String> b = s.get("/v1/runs?limit=" + bad);
            assertThat(b.statusCode()).isEqualTo(400);
            assertThat(b.body()).contains("limit must be a whole number from 1 to 1000");
        }
    }

    @Test
    void theEnginesShowTheirQueuesBatchesAndBusyFraction() throws Exception {
        JsonNode engines = get("/v1/engines").get("data");
        List<String> names = new ArrayList<>();
        engines.forEach(e -> names.add(e.get("engine").asText()));
        assertThat(names).contains("llm", "embedder", "reranker", "vectors");
        run("");
        Thread.sleep(1_100);
        JsonNode llm = null;
        for (JsonNode e : get("/v1/engines").get("data")) {
            if (e.get("engine").asText().equals("llm")) {
                llm = e;
            }
        }
        assertThat(llm).isNotNull();
        assertThat(llm.get("queued").asInt()).isZero();
        assertThat(llm.get("batches").asInt()).isZero();
        assertThat(llm.get("busy_seconds").asDouble()).isPositive();
        assertThat(llm.get("busy_window_s").asDouble()).isGreaterThanOrEqualTo(1.0);
        assertThat(llm.get("busy_fraction").asDouble()).isBetween(0.0, 1.0);
        assertThat(llm.get("provider").asText()).isEqualTo("llama.cpp");
        assertThat(llm.get("model").asText()).endsWith(".gguf");
        assertThat(llm.get("max_concurrency").asInt()).as("a slot per template of the built-in apps").isEqualTo(2);
    }

    @Test
    void theStatsGiveLatencyPercentilesOfTheLastMinuteAndTheHost() throws Exception {
        run("");
        JsonNode stats = get("/v1/stats");
        assertThat(stats.get("runs").get("succeeded").asLong()).isPositive();
        assertThat(stats.get("runs").get("running").asInt()).isZero();
        JsonNode latency = stats.get("latency_ms");
        assertThat(latency.get("window_s").asInt()).isEqualTo(60);
        assertThat(latency.get("p50").asDouble()).isPositive();
        assertThat(latency.get("p99").asDouble()).isGreaterThanOrEqualTo(latency.get("p50").asDouble());
        JsonNode host = stats.get("host");
        assertThat(host.get("memory_total_bytes").asDouble()).isGreaterThan(host.get("memory_used_bytes").asDouble())
                .isPositive();
        assertThat(host.get("process_resident_bytes").asDouble()).isPositive();
    }

    @Test
    void theReportsFolderIsListedAndServedAndNothingOutsideIt() throws Exception {
        Files.writeString(s.reports.resolve("runs-report.html"), "<html><body>runs report</body></html>");
        Files.writeString(s.reports.resolve("notes.txt"), "not a report");
        Files.writeString(dir.resolve("secret.html"), "outside the folder");
        JsonNode list = get("/v1/reports");
        assertThat(list.get("data")).hasSize(1);
        assertThat(list.get("data").get(0).get("name").asText()).isEqualTo("runs-report.html");
        HttpResponse<String> r = s.get("/v1/reports/runs-report.html");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(r.body()).contains("runs report");
        for (String bad : List.of("notes.txt", "..%2Fsecret.html", "missing.html")) {
            HttpResponse<String> b = s.get("/v1/reports/" + bad);
            assertThat(b.statusCode()).as(bad).isEqualTo(404);
            assertThat(b.body()).doesNotContain("outside the folder");
        }
    }

    private static List<String> nodes(String id) throws Exception {
        List<String> out = new ArrayList<>();
        get("/v1/runs/" + id + "/trace").get("events").forEach(e -> out.add(e.get("node").asText()));
        return out;
    }
}
