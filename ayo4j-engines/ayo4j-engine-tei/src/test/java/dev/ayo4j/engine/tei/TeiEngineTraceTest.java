// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.engine.tei;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.ayo4j.primitive.Primitive;
import dev.ayo4j.spi.Batch;
import dev.ayo4j.spi.Task;
import dev.ayo4j.spi.TaskId;
import dev.ayo4j.spi.TaskResult;
import dev.ayo4j.spi.TraceContext;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The TEI engine sends its tasks' trace context as W3C {@code traceparent}, one per request. */
class TeiEngineTraceTest {
    private static final String FIRST = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
    private static final String SECOND = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
    private final List<String> traceparents = new CopyOnWriteArrayList<>();
    private final HttpServer server;

    TeiEngineTraceTest() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/embed", ex -> {
            try (ex) {
                traceparents.add(String.valueOf(ex.getRequestHeaders().getFirst("traceparent")));
                ex.getRequestBody().readAllBytes();
                byte[] body = "[[0.1,0.2],[0.3,0.4]]".getBytes(StandardCharsets.UTF_8);
                ex.getResponseHeaders().set("Content-Type", "application/json");
                ex.sendResponseHeaders(200, body.length);
                ex.getResponseBody().write(body);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void aBatchOfSeveralRunsSendsTheFirstTasksTraceparent() {
        TeiEngine engine = new TeiEngine("embedder", URI.create("http://127.0.0.1:" + server.getAddress().getPort()),
                TeiRole.EMBED, Duration.ofSeconds(10), 32, 4096, 1);
        List<TaskResult> results = engine.execute(new Batch(1, List.of(embed("q1", FIRST), embed("q2", SECOND))));

        assertThat(results).allMatch(r -> r instanceof TaskResult.Success);
        assertThat(traceparents).containsExactly(FIRST);
    }

    @Test
    void anUntracedTaskSendsNoTraceparent() {
        TeiEngine engine = new TeiEngine("embedder", URI.create("http://127.0.0.1:" + server.getAddress().getPort()),
                TeiRole.EMBED, Duration.ofSeconds(10), 32, 4096, 1);
        engine.execute(new Batch(1, List.of(embed("q1", null), embed("q2", null))));

        assertThat(traceparents).containsExactly("null");
    }

    private static Task embed(String query, String traceparent) {
        TraceContext trace = traceparent == null ? TraceContext.NONE : new TraceContext(Map.of("traceparent", traceparent));
        return new Task(new TaskId(query, "embed"), new Primitive.Embed("embedder", 1, 8),
                Map.of(Primitive.Embed.TEXTS.name(), List.of("a text")), _ -> { }, trace);
    }
}
