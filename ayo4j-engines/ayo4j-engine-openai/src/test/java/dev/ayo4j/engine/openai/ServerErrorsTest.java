// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.engine.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ayo4j.NonRetriableEngineException;
import dev.ayo4j.RetriableEngineException;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** Error bodies of each server and how statuses are classified. */
class ServerErrorsTest {
    private static final URI ENDPOINT = URI.create("http://127.0.0.1:8000/v1/completions");

    @Test
    void serverMessageReadsEachServersErrorBody() {
        assertThat(ServerErrors.serverMessage("{\"error\":{\"message\":\"bad\",\"type\":\"invalid_request_error\"}}"))
                .isEqualTo("bad");
        assertThat(ServerErrors.serverMessage("{\"object\":\"error\",\"message\":\"old vllm\",\"code\":400}"))
                .isEqualTo("old vllm");
        assertThat(ServerErrors.serverMessage("{\"error\":\"model 'x' not found\"}")).isEqualTo("model 'x' not found");
        assertThat(ServerErrors.serverMessage("Internal Server Error")).isEqualTo("Internal Server Error");
        assertThat(ServerErrors.serverMessage("")).isEqualTo("(empty body)");
        assertThat(ServerErrors.serverMessage("x".repeat(1000))).hasSize(303).endsWith("...");
    }

    @Test
    void statusDecidesWhetherARetryCanHelp() {
        assertThat(ServerErrors.forStatus(ENDPOINT, 404, "{\"error\":{\"message\":\"no such model\"}}"))
                .isInstanceOf(NonRetriableEngineException.class)
                .hasMessage("http://127.0.0.1:8000/v1/completions answered HTTP 404: no such model");
        assertThat(ServerErrors.forStatus(ENDPOINT, 429, "slow down")).isInstanceOf(RetriableEngineException.class);
        assertThat(ServerErrors.forStatus(ENDPOINT, 502, "")).isInstanceOf(RetriableEngineException.class);
    }
}
