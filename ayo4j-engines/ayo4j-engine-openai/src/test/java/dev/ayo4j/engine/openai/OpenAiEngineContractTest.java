// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.engine.openai;

import dev.ayo4j.spi.Engine;
import dev.ayo4j.testkit.AbstractEngineContractTest;
import org.junit.jupiter.api.AfterEach;

/** The engine contract against {@link TestingOpenAiServer} on loopback. */
class OpenAiEngineContractTest extends AbstractEngineContractTest {
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

    @Override
    protected boolean supportsEmbed() {
        return false;
    }

    @Override
    protected boolean supportsIngest() {
        return false;
    }

    @Override
    protected boolean supportsVectorSearch() {
        return false;
    }

    @Override
    protected boolean supportsRerank() {
        return false;
    }
}
