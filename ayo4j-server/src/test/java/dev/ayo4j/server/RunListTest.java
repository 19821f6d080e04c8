// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code GET /v1/runs} and {@code /v1/stats} while runs are in flight and after they failed, on a service whose runs the test ends. */
class RunListTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final TestingAppService service = new TestingAppService();
    private Ayo4jServer server;

    @AfterEach
    void stop() {
        service.finishAll();
        if (server != null) {
            server.close();
        }
    }

    private JsonNode get(String path) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(server.uri().resolve(path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private void run(URI uri, boolean optimize) {
        http.sendAsync(HttpRequest.newBuilder(uri.resolve("/v1/apps/slow/runs")).POST(HttpRequest.BodyPublishers
                .ofString("{\"question\": \"q\", \"optimize\": " + optimize + "}")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void runsInFlightAreListedFirstWithTheirTimeSoFarThenAsFailed() throws Exception {
        server = Ayo4jServer.builder().port(0).service(() -> service).build().start();
        await(server::isReady);
        run(server.uri(), true);
        await(() -> service.started.get() == 1);
        run(server.uri(), false);
        await(() -> service.started.get() == 2);

        JsonNode runs = get("/v1/runs").get("data");
        assertThat(runs).hasSize(2);
        assertThat(runs.get(0).get("id").asText()).isEqualTo("run-2");
        assertThat(runs.get(0).get("optimized").asBoolean()).isFalse();
        assertThat(runs.get(1).get("optimized").asBoolean()).isTrue();
        for (JsonNode r : runs) {
            assertThat(r.get("status").asText()).isEqualTo("running");
            assertThat(r.get("end_to_end_ms").asDouble()).isGreaterThanOrEqualTo(0);
            assertThat(r.has("critical_path_ms")).isFalse();
        }
        JsonNode stats = get("/v1/stats");
        assertThat(stats.get("runs").get("running").asInt()).isEqualTo(2);
        assertThat(stats.get("latency_ms").get("p50").isNull()).as("no run succeeded").isTrue();
        assertThat(stats.get("host").isNull()).as("no telemetry agent given").isTrue();

        service.finishAll();
        await(() -> {
            try {
                return get("/v1/stats").get("runs").get("failed").asInt() == 2;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        JsonNode failed = get("/v1/runs?limit=1").get("data");
        assertThat(failed).hasSize(1);
        assertThat(failed.get(0).get("status").asText()).isEqualTo("failed");
        assertThat(failed.get(0).get("error").get("code").asText()).isNotEmpty();
        assertThat(get("/v1/engines").get("data")).isEmpty();
        assertThat(get("/v1/reports").get("data")).isEmpty();
        assertThat(get("/v1/reports").get("directory").isNull()).isTrue();
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition not met within 10 s").isLessThan(until);
            Thread.sleep(10);
        }
    }
}
