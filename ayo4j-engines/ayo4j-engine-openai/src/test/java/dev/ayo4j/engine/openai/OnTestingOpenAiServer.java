// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.engine.openai;

import org.junit.jupiter.api.AfterEach;

/**
 * A test against a fresh {@link TestingOpenAiServer}: after each test the engine it kept in {@link #engine}, if
 * any, is closed, then the server.
 */
abstract class OnTestingOpenAiServer {
    /** The server this test's engine talks to. */
    final TestingOpenAiServer server = TestingOpenAiServer.start();
    /** The engine the test built, closed after it; null until it builds one. */
    OpenAiEngine engine;

    @AfterEach
    void closeTheEngineThenTheServer() {
        if (engine != null) {
            engine.close();
        }
        server.close();
    }
}
