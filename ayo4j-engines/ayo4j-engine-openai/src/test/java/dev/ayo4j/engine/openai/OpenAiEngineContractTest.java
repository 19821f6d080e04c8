// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.engine.openai;

import dev.ayo4j.spi.Engine;
import org.junit.jupiter.api.AfterEach;

/** The engine contract against {@link TestingOpenAiServer} on loopback. */
class OpenAiEngineContractTest extends OpenAiContract {
    private TestingOpenAiServer server;

    @Override
    protected Engine createEngine() {
        server = TestingOpenAiServer.start();
        return OpenAiEngine.builder().baseUrl(server.baseUrl()).model("testing").build();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }
}
