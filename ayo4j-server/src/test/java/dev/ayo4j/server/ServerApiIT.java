// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ayo4j.server.EmbeddedServer.Sse;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** ayo4j's own API, the OpenAPI document and bad input, on the real embedded engines. */
class ServerApiIT extends EmbeddedServerIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String QUESTION = "{\"question\": \"How are vectors stored?\"}";

    @Test
    void aRunAnswersWithSourcesAndTimingsAndIsKeptWithItsTrace() throws Exception {
        HttpResponse<String> r = s.post("/v1/apps/advanced-rag/runs", QUESTION);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode run = JSON.readTree(r.body());
        assertThat(run.get("answer").asText()).isEqualTo(EmbeddedServer.ANSWER);
        assertThat(run.get("sources")).isNotEmpty();
        assertThat(run.get("sources").get(0).get("document").asText()).startsWith("topics/");
        assertThat(run.get("timings").get("critical_path_ms").asDouble()).isPositive();

        String id = run.get("id").asText();
        JsonNode kept = JSON.readTree(s.get("/v1/runs/" + id).body());
        assertThat(kept.get("status").asText()).isEqualTo("succeeded");
        assertThat(kept.get("answer").asText()).isEqualTo(EmbeddedServer.ANSWER);
        JsonNode trace = JSON.readTree(s.get("/v1/runs/" + id + "/trace").body());
        assertThat(trace.get("events").size()).isGreaterThan(5);
        assertThat(trace.get("lower_bound_ms").asDouble()).isGreaterThanOrEqualTo(trace.get("critical_path_ms").asDouble())
                .isPositive();
        assertThat(trace.get("engine_busy_ms").has("llm")).isTrue();
        assertThat(s.get("/v1/runs/run-nope").statusCode()).isEqualTo(404);
    }

    @Test
    void aStreamedRunSendsPrimitivesTokensSourcesThenDone() throws Exception {
        List<Sse> events = s.events("/v1/apps/naive-rag/runs", QUESTION);
        List<String> names = events.stream().map(Sse::name).toList();
        assertThat(names.getFirst()).isEqualTo("run");
        assertThat(names).contains("primitive", "token");
        assertThat(names.subList(names.size() - 2, names.size())).containsExactly("sources", "done");
        StringBuilder text = new StringBuilder();
        for (Sse e : events) {
            if (e.name().equals("token")) {
                text.append(JSON.readTree(e.data()).get("text").asText());
            }
        }
        assertThat(text.toString()).isEqualTo(EmbeddedServer.ANSWER);
        assertThat(JSON.readTree(events.getLast().data()).get("answer").asText()).isEqualTo(EmbeddedServer.ANSWER);
        assertThat(events.stream().filter(e -> e.name().equals("primitive")).map(e -> e.data()))
                .anyMatch(d -> d.contains("\"VectorSearch\"") && d.contains("\"finished\""));
    }

    @Test
    void appsAreListedAndExplained() throws Exception {
        JsonNode apps = JSON.readTree(s.get("/v1/apps").body());
        assertThat(apps.get("data")).extracting(a -> a.get("id").asText())
                .containsExactly("naive-rag", "advanced-rag", "multi-call");
        JsonNode explain = JSON.readTree(s.get("/v1/apps/advanced-rag/explain").body());
        assertThat(explain.get("explain").asText()).contains("VectorSearch", "Decode");
        assertThat(s.get("/v1/apps/nope/explain").statusCode()).isEqualTo(404);
    }

    @Test
    void documentsAreIdempotentByIdListedAndDeleted() throws Exception {
        String doc = "{\"documents\": [{\"id\": \"notes/a.md\", \"text\": \"Alpha beta gamma. " + "word ".repeat(100)
                + "\"}, {\"id\": \"notes/b.md\", \"text\": \"Second document.\"}]}";
        JsonNode first = JSON.readTree(s.post("/v1/collections/extra/documents", doc).body());
        JsonNode again = JSON.readTree(s.post("/v1/collections/extra/documents", doc).body());
        int total = first.get("passages").asInt();
        assertThat(total).isGreaterThan(2);
        assertThat(again.get("passages").asInt()).isEqualTo(total);
        assertThat(passages("extra")).isEqualTo(total);

        List<Sse> progress = s.events("/v1/collections/streamed/documents", doc);
        assertThat(progress).extracting(Sse::name).containsExactly("progress", "done");
        assertThat(passages("streamed")).isEqualTo(total);

        HttpResponse<String> del = s.http.send(s.request("/v1/collections/extra/documents/notes/a.md").DELETE().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(del.statusCode()).as(del.body()).isEqualTo(200);
        assertThat(passages("extra")).isEqualTo(total - JSON.readTree(del.body()).get("passages").asInt()).isEqualTo(1);
        assertThat(s.http.send(s.request("/v1/collections/extra/documents/notes/a.md").DELETE().build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(404);
    }

    @Test
    void theEncoderRoutesAnswerWithinTheEncoderProtocolsLimits() throws Exception {
        HttpResponse<String> embed = s.post("/embed", "{\"inputs\": [\"a cat sat\", \"dog\"]}");
        assertThat(embed.statusCode()).as(embed.body()).isEqualTo(200);
        assertThat(JSON.readTree(embed.body()).get(1)).hasSize(384);
        String texts = String.join(",", java.util.Collections.nCopies(1_000, "\"x\""));
        HttpResponse<String> many = s.post("/embed", "{\"inputs\": [" + texts + "]}");
        assertThat(many.statusCode()).isEqualTo(413);
        assertThat(JSON.readTree(many.body()).get("error").get("message").asText())
                .contains("1000 texts in one request").contains("per request");
        HttpResponse<String> rerank = s.post("/rerank", "{\"query\": 5, \"texts\": []}");
        assertThat(rerank.statusCode()).isEqualTo(400);
        assertClearError(rerank.body());
    }

    private static int passages(String collection) throws Exception {
        for (JsonNode c : JSON.readTree(s.get("/v1/collections").body()).get("data")) {
            if (c.get("name").asText().equals(collection)) {
                return c.get("passages").asInt();
            }
        }
        return 0;
    }

    @Test
    void badInputIsAClear4xxWithAnErrorBodyAndTheServerKeepsServing() throws Exception {
        String chat = "/v1/chat/completions";
        Map<String, Integer> cases = new java.util.LinkedHashMap<>();
        cases.put("{\"model\": \"naive-rag\", \"messages\": [", 400);
        cases.put("{\"model\": 5, \"messages\": [{\"role\": \"user\", \"content\": \"q\"}]}", 400);
        cases.put("{\"model\": \"nope\", \"messages\": [{\"role\": \"user\", \"content\": \"q\"}]}", 404);
        cases.put("{\"model\": \"naive-rag\", \"messages\": []}", 400);
        cases.put("{\"model\": \"naive-rag\", \"messages\": [{\"role\": \"system\", \"content\": \"q\"}]}", 400);
        cases.put("{\"model\": \"naive-rag\", \"messages\": [{\"role\": \"user\", \"content\": \""
                + "x".repeat(10 << 20) + "\"}]}", 413);
        cases.put("{\"model\": \"naive-rag\", \"messages\": [{\"role\": \"user\", \"content\": \""
                + "x".repeat(20_000) + "\"}]}", 413);
        cases.put("[1, 2]", 400);
        for (var c : cases.entrySet()) {
            HttpResponse<String> r = s.post(chat, c.getKey());
            assertThat(r.statusCode()).as(Names.abbreviate(c.getKey())).isEqualTo(c.getValue());
            assertClearError(r.body());
        }
        byte[] notUtf8 = {'{', '"', 'q', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
        HttpResponse<String> bad = s.http.send(s.request("/v1/apps/naive-rag/runs")
                .POST(HttpRequest.BodyPublishers.ofByteArray(notUtf8)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(bad.statusCode()).isEqualTo(400);
        assertClearError(bad.body());
        HttpResponse<String> wrongKey = s.http.send(HttpRequest.newBuilder(s.uri.resolve("/v1/models"))
                .header("Authorization", "Bearer wrong").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(wrongKey.statusCode()).isEqualTo(401);
        assertClearError(wrongKey.body());
        HttpResponse<String> noKey = s.http.send(HttpRequest.newBuilder(s.uri.resolve("/v1/models")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(noKey.statusCode()).isEqualTo(401);
        assertThat(s.get("/v1/nothing").statusCode()).isEqualTo(404);
        HttpResponse<String> method = s.http.send(s.request("/v1/models").DELETE().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(method.statusCode()).isEqualTo(405);
        assertThat(method.headers().firstValue("Allow")).hasValue("GET");
        assertThat(s.post("/v1/collections/bad%20name/documents", "{}").statusCode()).isBetween(400, 404);

        HttpResponse<String> ok = s.post(chat, "{\"model\": \"naive-rag\", \"messages\": [{\"role\": \"user\", "
                + "\"content\": \"still there?\"}]}");
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
    }

    private static void assertClearError(String body) throws Exception {
        JsonNode error = JSON.readTree(body).get("error");
        assertThat(error).as(body).isNotNull();
        assertThat(error.get("message").asText()).isNotBlank().doesNotContain("Exception", "\tat ", "dev.ayo4j.");
        assertThat(error.get("type").asText()).isNotBlank();
    }

    @Test
    void healthReadinessAndTheDocumentNeedNoKey() throws Exception {
        for (String path : List.of("/health", "/ready", "/openapi.json")) {
            assertThat(s.http.send(HttpRequest.newBuilder(s.uri.resolve(path)).GET().build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).as(path).isEqualTo(200);
        }
    }

    @Test
    void metricsCountEveryRunForItsAppAndItsSpanJoinsTheCallersTrace() throws Exception {
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        HttpResponse<String> r = s.http.send(s.request("/v1/apps/advanced-rag/runs")
                .header("Content-Type", "application/json").header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
                .POST(HttpRequest.BodyPublishers.ofString(QUESTION)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        HttpResponse<String> scrape = s.get("/metrics");
        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
        String text = scrape.body();
        double runs = metric(text, "ayo4j_runs_total{ayo4j_app=\"advanced-rag\",outcome=\"ok\"}");
        assertThat(runs).isGreaterThanOrEqualTo(1);
        assertThat(metric(text, "gen_ai_client_token_usage_sum", "gen_ai_token_type=\"output\"")).isPositive();
        assertThat(metric(text, "gen_ai_workflow_duration_seconds_count", "gen_ai_workflow_name=\"advanced-rag\""))
                .isGreaterThanOrEqualTo(1);
        assertThat(metric(text, "ayo4j_engine_queue_depth", "ayo4j_engine=\"llm\"")).isGreaterThanOrEqualTo(0);
        assertThat(metric(text, "ayo4j_engine_busy_seconds_total", "ayo4j_engine=\"llm\"")).isPositive();
        assertThat(text).contains("ayo4j_engine_busy_fraction{");
        assertThat(metric(text, "http_server_requests_seconds_count", "uri=\"/v1/apps/{app}/runs\"", "status=\"200\""))
                .isGreaterThanOrEqualTo(1);

        assertThat(s.post("/v1/chat/completions", "{\"model\": \"advanced-rag\", \"messages\": "
                + "[{\"role\": \"user\", \"content\": \"How are vectors stored?\"}]}").statusCode()).isEqualTo(200);
        assertThat(metric(s.get("/metrics").body(), "ayo4j_runs_total{ayo4j_app=\"advanced-rag\",outcome=\"ok\"}"))
                .isGreaterThanOrEqualTo(runs + 1);

        assertThat(s.spans.getFinishedSpanItems()).anySatisfy(span -> {
            assertThat(span.getName()).isEqualTo("run advanced-rag");
            assertThat(span.getTraceId()).isEqualTo(traceId);
            assertThat(span.getParentSpanId()).isEqualTo("00f067aa0ba902b7");
        });
    }

    /** The value of the sample whose line starts with {@code series} and holds every {@code labels} part. */
    private static double metric(String text, String series, String... labels) {
        return text.lines().filter(l -> l.startsWith(series) && java.util.Arrays.stream(labels).allMatch(l::contains))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).max()
                .orElseThrow(() -> new AssertionError("no sample " + series + " " + List.of(labels) + " in:\n" + text));
    }

    @Test
    void everyRouteIsDocumentedAndEveryDocumentedRouteIsServed() throws Exception {
        JsonNode paths = JSON.readTree(s.get("/openapi.json").body()).get("paths");
        Set<String> documented = new HashSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext(); ) {
            var p = it.next();
            p.getValue().fieldNames().forEachRemaining(m -> documented.add(m.toUpperCase() + " " + p.getKey()));
        }
        Set<String> served = new HashSet<>();
        for (Route r : s.server.routes()) {
            served.add(r.method().text() + " " + r.openApiPath());
        }
        assertThat(served).isEqualTo(documented);
        List<String> unanswered = new ArrayList<>();
        for (String route : documented) {
            String[] mp = route.split(" ", 2);
            String path = mp[1].replaceAll("\\{[^}]+}", "x");
            HttpResponse<String> r = s.http.send(s.request(path)
                    .method(mp[0], HttpRequest.BodyPublishers.ofString(mp[0].equals("POST") ? "{}" : "")).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 405 || r.body().contains("\"code\":\"not_found\"")) {
                unanswered.add(route + " -> " + r.statusCode());
            }
        }
        assertThat(unanswered).isEmpty();
    }

    @Test
    void curlFromAShellGetsAnswersStreamsTracesAndClearErrors() throws Exception {
        Process p = new ProcessBuilder("bash", "src/test/shell/curl-smoke.sh", s.uri.toString(), EmbeddedServer.KEY,
                "lucene vector index").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        assertThat(out).contains("curl smoke test passed");
    }

    @Test
    void boundedLoadWithDisconnectsAndBadBodiesAnswersEveryRequestOnceAndLeavesNothingBehind() throws Exception {
        load();
        System.gc();
        long heapBefore = usedHeap();
        int threadsBefore = threads();
        load();
        HttpResponse<String> after = s.post("/v1/chat/completions", CHAT.formatted(99));
        assertThat(after.statusCode()).as(after.body()).isEqualTo(200);
        Thread.sleep(200);
        System.gc();
        // A second round leaves no more threads or memory than the first: pools are warm, nothing leaks.
        assertThat(threads()).as(Thread.getAllStackTraces().keySet().stream().map(Thread::getName).sorted().toList()
                .toString()).isLessThanOrEqualTo(threadsBefore + 2);
        assertThat(usedHeap()).isLessThan(heapBefore + (64L << 20));
    }

    private static final String CHAT = "{\"model\": \"naive-rag\", \"messages\": [{\"role\": \"user\", \"content\": "
            + "\"q %d\"}]}";

    /** 30 clients at once: a third plain, a third with bad bodies, a third streaming and hanging up at once. */
    private static void load() throws Exception {
        List<java.util.concurrent.Callable<Integer>> clients = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            int n = i;
            java.util.concurrent.Callable<Integer> client;
            if (i % 3 == 0) {
                client = () -> s.post("/v1/chat/completions", CHAT.formatted(n)).statusCode();
            } else if (i % 3 == 1) {
                client = () -> s.post("/v1/chat/completions", "{\"model\": \"naive-rag\", \"messages\": 7}").statusCode();
            } else {
                client = () -> {
                    try (java.net.Socket socket = new java.net.Socket(s.uri.getHost(), s.uri.getPort())) {
                        String body = CHAT.formatted(n).replace("{\"model\"", "{\"stream\": true, \"model\"");
                        socket.getOutputStream().write(("POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nAuthorization: "
                                + "Bearer " + EmbeddedServer.KEY + "\r\nContent-Type: application/json\r\nContent-Length: "
                                + body.length() + "\r\n\r\n" + body).getBytes(java.nio.charset.StandardCharsets.UTF_8));
                        String head = new String(socket.getInputStream().readNBytes(12),
                                java.nio.charset.StandardCharsets.US_ASCII);
                        return Integer.parseInt(head.substring(9, 12));
                    }
                };
            }
            clients.add(client);
        }
        List<Integer> statuses = new ArrayList<>();
        try (var pool = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            for (var f : pool.invokeAll(clients)) {
                statuses.add(f.get());
            }
        }
        assertThat(statuses).hasSize(30).allMatch(c -> c == 200 || c == 400 || c == 429);
        for (int i = 1; i < 30; i += 3) {
            assertThat(statuses.get(i)).isEqualTo(400);
        }
        long until = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
        while (s.server.activeRuns() > 0 && System.nanoTime() < until) {
            Thread.sleep(20);
        }
        assertThat(s.server.activeRuns()).as("runs still admitted after the load").isZero();
    }

    /**
     * Live platform threads other than those of pools that grow to a fixed bound under load: virtual-thread
     * carriers, the test client's, and the engine schedulers' batch threads (bounded by each engine's
     * declared concurrency).
     */
    private static int threads() {
        return (int) Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                .filter(n -> !n.startsWith("ForkJoinPool") && !n.startsWith("HttpClient")
                        && !n.matches("ayo4j-.*-batch-\\d+") && !n.equals("process reaper")).count();
    }

    private static long usedHeap() {
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }
}
