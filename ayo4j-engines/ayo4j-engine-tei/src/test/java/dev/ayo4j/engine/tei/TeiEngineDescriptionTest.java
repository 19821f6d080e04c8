// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.engine.tei;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.ayo4j.spi.EngineDescription;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A TEI engine names the server's model ({@code GET /info}'s {@code model_id}) once the server is ready. */
class TeiEngineDescriptionTest {
    private final HttpServer server;

    TeiEngineDescriptionTest() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/health", ex -> {
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private TeiEngine engine() {
        return new TeiEngine("reranker", URI.create("http://127.0.0.1:" + server.getAddress().getPort()),
                TeiRole.RERANK, Duration.ofSeconds(10), 32, 4096, 1);
    }

    private void info(int status, String body) {
        server.createContext("/info", ex -> {
            try (ex) {
                byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                ex.sendResponseHeaders(status, bytes.length);
                ex.getResponseBody().write(bytes);
            }
        });
    }

    @Test
    void theModelIsTheServersModelId() {
        info(200, "{\"model_id\":\"BAAI/bge-reranker-base\",\"max_input_length\":512}");
        TeiEngine engine = engine();
        assertThat(engine.description()).as("before the server is reached")
                .isEqualTo(new EngineDescription("tei", "reranker"));

        engine.awaitReady(Duration.ofSeconds(5));

        assertThat(engine.description()).isEqualTo(new EngineDescription("tei", "BAAI/bge-reranker-base"));
    }

    @Test
    void aServerWithoutInfoLeavesTheEngineName() {
        TeiEngine engine = engine();
        engine.awaitReady(Duration.ofSeconds(5));
        assertThat(engine.description()).isEqualTo(new EngineDescription("tei", "reranker"));
    }

    @Test
    void anInfoWithoutModelLeavesTheEngineName() {
        info(200, "not json");
        TeiEngine engine = engine();
        engine.awaitReady(Duration.ofSeconds(5));
        assertThat(engine.description()).isEqualTo(new EngineDescription("tei", "reranker"));
    }
}
